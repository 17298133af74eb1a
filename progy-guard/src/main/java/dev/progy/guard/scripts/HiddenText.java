package dev.progy.guard.scripts;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * One level of obvious obfuscation undone, so a line is judged by what it does rather than how it is spelled:
 * escapes (hex, octal and unicode, such as {@code \x63} and {@code \143}), {@code ${IFS}}, strings glued together
 * ({@code "cu" + "rl"}, {@code cu''rl}, {@code c"u"rl}, a backslash inside a word), short encoded strings decoded where they
 * stand ({@code $(echo Y3VybA== | base64 -d)}, {@code base64.b64decode("…").decode()}, {@code atob("…")}), and
 * long base64 or hex blobs decoded — and inflated when they hold gzip or zlib data — to readable text.
 */
final class HiddenText {

    private static final Pattern ESCAPE = Pattern.compile("\\\\x([0-9a-fA-F]{2})|\\\\u00([0-9a-fA-F]{2})|\\\\([0-3][0-7]{2})");
    private static final Pattern IFS = Pattern.compile("\\$\\{IFS[^}]*}|\\$IFS\\b");
    private static final Pattern CONCAT = Pattern.compile("([\"'`])\\s*(?:\\+|\\.\\.|\\.(?=\\s*[\"']))\\s*([\"'`])");
    private static final Pattern EMPTY_QUOTES = Pattern.compile("(?<=[\\w/.-])(?:\"\"|'')(?=[\\w/.-])");
    private static final Pattern QUOTED_PIECE = Pattern.compile("(?<=[\\w/.-])([\"'])([\\w/.:-]{1,40})\\1(?=[\\w/.-])"
            + "|(?<=^|[\\s;&|(=])([\"'])([\\w/.:-]{1,40})\\3(?=[\\w/.:-]+(?:\\s|$|;|\\||&|\\)))");
    private static final Pattern BACKSLASH_IN_WORD = Pattern.compile("(?<=[A-Za-z])\\\\(?=[A-Za-z])");
    /** {@code $(echo X | base64 -d)}, {@code `printf X | xxd -r -p`}, {@code $(base64 -d <<< X)}. */
    private static final Pattern SHELL_DECODE = Pattern.compile(
            "\\$\\(\\s*(?:echo(?:\\s+-\\w+)*|printf)\\s+[\"']?([A-Za-z0-9+/=]{4,})[\"']?\\s*\\|\\s*(base64\\s+(?:-\\w*d\\w*|--decode|-D)|xxd\\s+-r(?:\\s+-p)?|xxd\\s+-p\\s+-r)\\s*\\)"
            + "|`\\s*(?:echo(?:\\s+-\\w+)*|printf)\\s+[\"']?([A-Za-z0-9+/=]{4,})[\"']?\\s*\\|\\s*(base64\\s+(?:-\\w*d\\w*|--decode|-D)|xxd\\s+-r(?:\\s+-p)?|xxd\\s+-p\\s+-r)\\s*`"
            + "|\\$\\(\\s*base64\\s+(?:-d|--decode|-D)\\s*<<<\\s*[\"']?([A-Za-z0-9+/=]{4,})[\"']?\\s*\\)");
    /** Decoding calls on a literal in Python and JavaScript. */
    private static final Pattern CODE_DECODE = Pattern.compile(
            "(?:base64\\.b64decode|b64decode|base64\\.decodebytes|atob)\\(\\s*b?[\"']([A-Za-z0-9+/=]{4,})[\"']\\s*\\)(?:\\.decode\\([^)]*\\))?"
            + "|Buffer\\.from\\(\\s*[\"']([A-Za-z0-9+/=]{4,})[\"']\\s*,\\s*[\"']base64[\"']\\s*\\)(?:\\.toString\\([^)]*\\))?"
            + "|(?:bytes\\.fromhex|binascii\\.unhexlify|unhexlify)\\(\\s*b?[\"']([0-9a-fA-F]{4,})[\"']\\s*\\)(?:\\.decode\\([^)]*\\))?"
            + "|Buffer\\.from\\(\\s*[\"']([0-9a-fA-F]{4,})[\"']\\s*,\\s*[\"']hex[\"']\\s*\\)(?:\\.toString\\([^)]*\\))?");
    private static final Pattern FROM_CHAR_CODE = Pattern.compile("String\\.fromCharCode\\(\\s*([0-9,\\s]{3,})\\)"
            + "|([\"'])\\2\\.join\\(\\s*(?:\\[\\s*)?(?:chr\\(\\s*\\w+\\s*\\)\\s*for\\s+\\w+\\s+in\\s+|map\\(\\s*chr\\s*,\\s*)[\\[(]([\\d,\\s]{3,})[\\])]\\s*]?\\s*\\)\\s*\\)?"
            + "|bytes\\(\\s*\\[([\\d,\\s]{3,})]\\s*\\)\\.decode\\([^)]*\\)");
    /** {@code echo 'hs | x lruc' | rev} and {@code "…"[::-1]}: text written backwards. */
    private static final Pattern REVERSED = Pattern.compile(
            "\\b(?:echo|printf)\\s+([\"'])([^\"'\\n]{4,})\\1\\s*\\|\\s*rev\\b|([\"'])([^\"'\\n]{4,})\\3\\s*\\[\\s*::\\s*-1\\s*]");
    private static final Pattern PERL_PACK = Pattern.compile("\\bpack\\(\\s*[\"']H\\*[\"']\\s*,\\s*[\"']([0-9a-fA-F]{4,})[\"']\\s*\\)");
    /** The student's home folder as code spells it, read as {@code "~"} so paths and commands built on it show. */
    private static final Pattern HOME = Pattern.compile(
            "os\\.path\\.expanduser\\(\\s*[\"']~/?[\"']\\s*\\)|(?:pathlib\\.)?Path\\.home\\(\\)|(?:require\\([\"'](?:node:)?os[\"']\\)|\\bos)\\.homedir\\(\\)"
            + "|process\\.env\\.HOME\\b|os\\.environ\\[[\"']HOME[\"']]|os\\.(?:environ\\.get|getenv)\\(\\s*[\"']HOME[\"']\\s*\\)|Dir\\.home\\b");
    /** {@code ${'cu'}} in a template literal. */
    private static final Pattern TEMPLATE_PIECE = Pattern.compile("\\$\\{\\s*([\"'])([^\"'`]*)\\1\\s*}");
    /** Paths joined from literal parts: {@code os.path.join("/etc", "shadow")}, {@code Path("/etc") / "shadow"}. */
    private static final Pattern JOIN_CALL = Pattern.compile(
            "(?:os\\.path\\.join|path\\.join|path\\.resolve|PurePath|Path|File)\\(\\s*((?:[\"'][^\"']*[\"']\\s*,\\s*)*[\"'][^\"']*[\"'])\\s*\\)");
    private static final Pattern JOIN_SLASH = Pattern.compile("([\"'])([^\"']*)\\1\\s*/\\s*([\"'])([^\"']*)\\3");
    private static final Pattern BASE64_BLOB = Pattern.compile("[A-Za-z0-9+/]{24,}={0,2}");
    private static final Pattern HEX_BLOB = Pattern.compile("(?:\\\\x[0-9a-fA-F]{2}){12,}|\\b[0-9a-fA-F]{32,}\\b");

    private HiddenText() { }

    /** {@code line} with escapes, glued strings and short decodable literals undone; the line itself when none. */
    static String clean(String line) {
        if (line.indexOf('\\') < 0 && line.indexOf('"') < 0 && line.indexOf('\'') < 0 && line.indexOf('$') < 0
                && line.indexOf('`') < 0 && line.indexOf('(') < 0) {
            return line; // nothing to undo: most lines
        }
        // each step only where its characters are: most lines need none of them
        String s = unescape(line);
        if (s.contains("IFS")) {
            s = IFS.matcher(s).replaceAll(" ");
        }
        if (s.contains("home") || s.contains("HOME") || s.contains("expanduser")) {
            s = HOME.matcher(s).replaceAll("\"~\"");
        }
        if (s.contains("${")) {
            s = TEMPLATE_PIECE.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(2)));
        }
        s = inlineDecoded(s);
        boolean quotes = s.indexOf('"') >= 0 || s.indexOf('\'') >= 0;
        if (quotes && (s.contains("+") || s.contains("."))) {
            s = repeat(CONCAT, s, m -> "");
        }
        if (quotes && (s.contains("join") || s.contains("resolve") || s.contains("Path") || s.contains("File"))) {
            s = repeat(JOIN_CALL, s, m -> "\"" + String.join("/", m.group(1).replaceAll("^[\"']|[\"']$", "").split("[\"']\\s*,\\s*[\"']")) + "\"");
        }
        if (quotes && s.indexOf('/') >= 0) {
            s = repeat(JOIN_SLASH, s, m -> "\"" + m.group(2) + "/" + m.group(4) + "\"");
        }
        if (quotes) {
            s = EMPTY_QUOTES.matcher(s).replaceAll("");
            s = QUOTED_PIECE.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(2) != null ? m.group(2) : m.group(4)));
        }
        return s.indexOf('\\') >= 0 ? BACKSLASH_IN_WORD.matcher(s).replaceAll("") : s;
    }

    /** {@code s} with {@code pattern} replaced until nothing changes (at most four rounds). */
    private static String repeat(Pattern pattern, String s, Function<MatchResult, String> by) {
        for (int i = 0; i < 4; i++) {
            String next = pattern.matcher(s).replaceAll(m -> Matcher.quoteReplacement(by.apply(m)));
            if (next.equals(s)) {
                break;
            }
            s = next;
        }
        return s;
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        return ESCAPE.matcher(s).replaceAll(m -> {
            int c = m.group(1) != null ? Integer.parseInt(m.group(1), 16)
                    : m.group(2) != null ? Integer.parseInt(m.group(2), 16) : Integer.parseInt(m.group(3), 8);
            return c >= 0x20 && c < 0x7f ? Matcher.quoteReplacement(String.valueOf((char) c)) : Matcher.quoteReplacement(m.group());
        });
    }

    private static String inlineDecoded(String s) {
        if (s.contains("base64") || s.contains("xxd")) {
            s = SHELL_DECODE.matcher(s).replaceAll(m -> {
                String blob = m.group(1) != null ? m.group(1) : m.group(3) != null ? m.group(3) : m.group(5);
                String how = m.group(2) != null ? m.group(2) : m.group(4) != null ? m.group(4) : "base64";
                String text = how.startsWith("xxd") ? fromHex(blob) : fromBase64(blob);
                return Matcher.quoteReplacement(text == null ? m.group() : text.strip());
            });
        }
        if (s.contains("decode") || s.contains("atob") || s.contains("Buffer") || s.contains("hex")) {
            s = CODE_DECODE.matcher(s).replaceAll(m -> {
                String text = m.group(1) != null ? fromBase64(m.group(1)) : m.group(2) != null ? fromBase64(m.group(2))
                        : fromHex(m.group(3) != null ? m.group(3) : m.group(4));
                return Matcher.quoteReplacement(text == null ? m.group() : "\"" + text.strip() + "\"");
            });
        }
        if (s.contains("rev") || s.contains("::-1")) {
            s = REVERSED.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(2) != null
                    ? new StringBuilder(m.group(2)).reverse().toString() : "\"" + new StringBuilder(m.group(4)).reverse() + "\""));
        }
        if (s.contains("pack")) {
            s = PERL_PACK.matcher(s).replaceAll(m -> {
                String text = fromHex(m.group(1));
                return Matcher.quoteReplacement(text == null ? m.group() : "\"" + text.strip() + "\"");
            });
        }
        if (s.contains("fromCharCode") || s.contains("chr") || s.contains("bytes(")) {
            s = FROM_CHAR_CODE.matcher(s).replaceAll(m -> {
                String codes = m.group(1) != null ? m.group(1) : m.group(3) != null ? m.group(3) : m.group(4);
                StringBuilder b = new StringBuilder("\"");
                for (String code : codes.split(",")) {
                    try {
                        int c = Integer.parseInt(code.trim());
                        b.append(c >= 0x20 && c < 0x7f ? (char) c : ' ');
                    } catch (NumberFormatException e) {
                        return Matcher.quoteReplacement(m.group());
                    }
                }
                return Matcher.quoteReplacement(b.append('"').toString());
            });
        }
        return s;
    }

    /** Readable text decoded from the long base64 and hex blobs of a line (inflated when compressed). */
    static List<String> blobs(String line) {
        List<String> out = new ArrayList<>();
        Matcher b = BASE64_BLOB.matcher(line);
        while (b.find()) {
            String text = fromBase64(b.group());
            if (text != null) {
                out.add(text);
            }
        }
        Matcher h = HEX_BLOB.matcher(line);
        while (h.find()) {
            String text = fromHex(h.group().replace("\\x", ""));
            if (text != null) {
                out.add(text);
            }
        }
        return out;
    }

    /** The readable text {@code blob} decodes (and inflates) to, or null. */
    static String fromBase64(String blob) {
        try {
            return readable(Base64.getDecoder().decode(padded(blob)));
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    static String fromHex(String hex) {
        if (hex.length() % 2 != 0) {
            return null;
        }
        try {
            return readable(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException notHex) {
            return null;
        }
    }

    private static String padded(String s) {
        String core = s.replaceAll("=+$", "");
        return core + "=".repeat((4 - core.length() % 4) % 4);
    }

    private static String readable(byte[] bytes) {
        byte[] data = inflated(bytes);
        String text = new String(data, StandardCharsets.UTF_8);
        long printable = text.chars().filter(c -> c == '\n' || c == '\r' || c == '\t' || (c >= 0x20 && c < 0x7f)).count();
        return !text.isEmpty() && printable >= text.length() * 0.9 ? text : null;
    }

    /** gzip or zlib data inflated (at most 64 KiB: a payload, not a bomb); anything else as it is. */
    private static byte[] inflated(byte[] bytes) {
        boolean gzip = bytes.length > 10 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
        boolean zlib = bytes.length > 2 && (bytes[0] & 0xff) == 0x78 && ((bytes[0] & 0xff) << 8 | (bytes[1] & 0xff)) % 31 == 0;
        if (!gzip && !zlib) {
            return bytes;
        }
        try (InputStream in = gzip ? new GZIPInputStream(new ByteArrayInputStream(bytes))
                : new InflaterInputStream(new ByteArrayInputStream(bytes))) {
            return in.readNBytes(64 * 1024);
        } catch (IOException notCompressed) {
            return bytes;
        }
    }
}
