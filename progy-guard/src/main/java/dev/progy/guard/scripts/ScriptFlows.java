package dev.progy.guard.scripts;

import dev.progy.guard.rule.GuardRule;
import dev.progy.guard.rule.GuardRules;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The behaviours that take a script several lines to show, followed through its variables and files from top to
 * bottom: what was downloaded or decoded and is later run ({@code code = urlopen(u).read()} … {@code exec(code)};
 * {@code curl -o /tmp/x …} … {@code /tmp/x}), the whole environment later sent over the network, and a socket opened
 * in a file that also hands a shell its ends (a reverse shell written out over lines), a crontab object written
 * back (python-crontab). One assignment or file
 * carries what it holds to the lines after it; nothing is followed into functions or other files.
 */
final class ScriptFlows {

    /** What a value holds that matters where it ends up. */
    enum Source { DOWNLOAD, DECODE, ENV, RECEIVED }

    /**
     * A flow found: the rule, the logical line it ends on, the pattern that shows where on it, what to say, and
     * whether it ends in a shell command (which, written in a program's string, runs only if the program runs it).
     */
    record Flow(GuardRule rule, ScriptLine line, Pattern where, String message, boolean command) { }

    private static final String WORD_START = "(?:^|[\\s;&|(`\"'$\\[])";
    private static final Pattern DOWNLOAD = Pattern.compile(
            "\\b(?:urlopen|urlretrieve|urllib3?\\.request\\.\\w+|requests\\.(?:get|post|request|Session)|httpx\\.(?:get|post|request|stream|Client)"
                    + "|aiohttp|http\\.client|HTTPS?Connection|axios(?:\\.get)?|superagent|XMLHttpRequest|Net::HTTP|URI\\.open|open-uri"
                    + "|Invoke-WebRequest|Invoke-RestMethod|DownloadString|DownloadFile|WebClient|openStream)\\b"
                    + "|\\bfetch\\s*\\(|\\bhttps?\\.get\\s*\\(|file_get_contents\\(\\s*[\"']https?:" + "|" + WORD_START + "(?:curl|wget)\\s"
                    + "|/dev/(?:tcp|udp)/");
    private static final Pattern DECODE = Pattern.compile(
            "\\b(?:b64decode|b32decode|b85decode|a85decode|decodebytes|decodestring|fromhex|unhexlify|a2b_\\w+|codecs\\.decode|decompress"
                    + "|atob|fromCharCode|inflateSync|inflateRawSync|gunzipSync|unzipSync|brotliDecompressSync|unescape"
                    + "|parseBase64Binary|parseHex|DecodeString|base64::decode|base64_decode|gzinflate|gzuncompress|str_rot13|hex2bin|decode_base64)\\b|\\b(?:un)?pack\\s*\\(\\s*[\"'](?:H\\*|h\\*|u|m0?)[\"']|getDecoder\\(\\)\\.decode|\\bSTANDARD(?:_NO_PAD)?\\.decode\\(|Buffer\\.from\\([^)]*[\"'](?:base64|hex|base64url)[\"']"
                    + "|\\.decode\\(\\s*[\"'](?:base64|hex|rot.?13|zlib)|\\[::-1]|\\.reverse\\(\\)\\.join"
                    + "|" + WORD_START + "(?:base64\\s+(?:-\\w*d\\w*|--decode|-D)|xxd\\s+(?:-\\w+\\s+)*-r|openssl\\s+(?:enc\\s+)?(?:-\\w+\\s+)*-d"
                    + "|gunzip|zcat|gzip\\s+-\\w*d|uudecode)\\b|\\|\\s*rev(?![\\w-])");
    private static final Pattern ENV = Pattern.compile(
            "\\bos\\.environ\\b(?!\\s*(?:\\[|\\.get\\b|\\.setdefault\\b|\\.pop\\b|\\.update\\b|\\.__contains__))|\\bos\\.environb\\b"
                    + "|\\bprocess\\.env\\b(?!\\s*(?:\\.|\\[|\\?\\.))|\\bENV\\.(?:to_h|to_a|to_hash|each|map|inspect|keys)\\b|\\$_ENV\\b"
                    + "|\\bgetenv\\(\\s*\\)(?!\\s*\\.(?:get|getOrDefault|containsKey)\\b)|os\\.Environ\\(\\)|env::vars\\(\\)|Get-ChildItem\\s+env:|\\bgci\\s+env:"
                    + "|GetEnvironmentVariables\\(\\)|/proc/(?:self|\\d+|\\$\\$|\\*|\\$PPID|thread-self)/environ"
                    + "|\\$\\(\\s*(?:env|printenv|set|export\\s+-p|declare\\s+-x)\\s*[|)]|`\\s*(?:env|printenv)\\s*[|`]"
                    + "|(?:^\\s*|[;&|('\"]\\s*)(?:env|printenv|export\\s+-p)(?:\\s+-\\w+)*\\s*(?:$|[|>;&)])|[\"'](?:env|printenv)[\"']\\s*[,)\\]]");
    /** An environment handed to a child process ({@code env=os.environ}, {@code env: {...process.env}}): not a dump. */
    private static final Pattern CHILD_ENV = Pattern.compile(
            "(?<=[({,]\\s{0,3})env\\s*[=:]\\s*(?:\\{[^}]*}|dict\\([^)]*\\)|os\\.environ(?:\\.copy\\(\\))?|process\\.env|[A-Za-z_]\\w*)"
                    + "|(?<=[{,]\\s{0,3})env(?=\\s*[,}])");
    /** A value written out as text (to be sent or stored): an environment inside one is a dump, not a child's. */
    private static final Pattern SERIALIZED = Pattern.compile(
            "\\b(?:JSON\\.stringify|json\\.dumps?|to_json|JSON\\.generate|urlencode|URLSearchParams|pickle\\.dumps|repr|toString)\\s*\\(|\\.to_json\\b");
    /** What a program reads from a connection: in a file that opens one, text that may be a command sent to it. */
    private static final Pattern RECEIVE = Pattern.compile(
            "\\.(?:recv|recvfrom|recv_into|readpartial|read_nonblock|gets)\\b|\\.ReadString\\(|\\breader\\.readLine\\(");
    /** {@code while (cmd = c.gets)}, {@code while (data := s.recv(1024)):}: an assignment made in a loop's or if's test. */
    private static final Pattern TEST_ASSIGNMENT = Pattern.compile(
            "^\\s*(?:while|if|until|elsif|elif)\\s*\\(?\\s*([A-Za-z_]\\w*)\\s*:?=(?!=)\\s*(.+?)\\s*\\)?\\s*(?:do|then|:|\\{)?\\s*$");

    /** A program's own ways to run code or commands. */
    private static final Pattern CODE_EXEC = Pattern.compile(
            "(?<![\\w.])(?:exec|eval|execfile|compile)\\s*\\((?!\\s*\\))|\\bnew\\s+Function\\s*\\(|(?<![\\w.])Function\\s*\\(|\\bvm\\.\\w+\\s*\\("
                    + "|runInThisContext|runInNewContext|\\(\\s*(?:eval|Function)\\s*\\)|(?<![\\w.])system\\s*\\("
                    + "|\\b(?:os\\.system|os\\.popen|os\\.exec\\w*|subprocess\\.\\w+|Popen|pty\\.spawn|execSync|execFileSync|spawnSync|shell_exec"
                    + "|passthru|proc_open)\\s*\\(|(?:child_process|\\bcp)\\.\\w+\\s*\\(|\\b(?:pickle|marshal)\\.loads\\s*\\("
                    + "|Runtime\\.getRuntime\\(\\)\\.exec|\\bProcessBuilder\\b|\\biex\\b|Invoke-Expression"
                    // Go, Rust and Ruby's; and os's functions reached without writing os.system: __import__('os').system(…),
                    // getattr(os, 'system')(…)
                    + "|\\bexec\\.Command(?:Context)?\\(|Command::new\\(|\\bIO\\.popen\\b|\\bOpen3\\.\\w+|%x[({\\[]"
                    + "|\\)\\s*\\.(?:system|popen|exec[lv]\\w*|spawn\\w*)\\s*\\(|\\bgetattr\\([^)]*[\"'](?:system|popen|exec\\w*|spawn\\w*)[\"']\\s*\\)\\s*\\(");
    /** A shell's ways: eval, sh -c, a pipe into a shell, process substitution, a variable run as a command. */
    private static final Pattern SHELL_EXEC = Pattern.compile(
            "\\beval\\s|\\b(?:ba|z|da|k)?sh\\s+(?:-\\w+\\s+)*-c\\s+[\"']?(?:\\$\\{?\\w|\\$\\(|`)|\\|\\s*" + LineBehaviours.SHELL
                    + "|(?:\\b(?:ba|z|da|k)?sh|\\bsource|(?:^|[;&|]\\s*)\\.)\\s+<\\("
                    + "|(?:^\\s*|[;&|]\\s*|(?<![($])\\(\\s*|\\b(?:then|do)\\s+)[\"']?\\$\\{?\\w+}?[\"']?(?:\\s|$|;)(?!\\s*=)");
    static final Pattern EXEC = Pattern.compile(CODE_EXEC.pattern() + "|" + SHELL_EXEC.pattern());
    /** A program's own ways to reach the network. */
    private static final Pattern CODE_NETWORK = Pattern.compile(
            "\\b(?:requests|httpx|aiohttp|urllib3)\\.\\w+\\s*\\(|\\.(?:post|put|patch)\\s*\\(|\\burlopen\\s*\\(|\\bRequest\\s*\\(|\\.request\\s*\\("
                    + "|\\bHTTPS?Connection\\b|\\.send(?:all|to)?\\s*\\(|\\bfetch\\s*\\(|\\baxios\\b|\\bgot\\s*\\(|sendBeacon|new\\s+WebSocket"
                    + "|\\bdns\\.\\w+\\s*\\(|\\bsmtplib\\b|\\.sendmail\\s*\\(|\\bftplib\\b|XMLHttpRequest|Net::HTTP|\\bInvoke-(?:WebRequest|RestMethod)\\b"
                    + "|HttpClient|openConnection\\s*\\(|\\bhttp\\.Post"
                    + "|\\b(?:https?|axios|got|request|superagent|needle|ky|session|client)\\.(?:get|post|put|patch|request)\\s*\\(");
    /** The network tools of a shell. */
    private static final Pattern SHELL_NETWORK = Pattern.compile(
            "/dev/(?:tcp|udp)/|" + WORD_START + "(?:curl|wget|nc|ncat|netcat|socat|telnet|ssh|scp|sftp|rsync|ftp|nslookup|dig)(?:\\s|$|[\"',])");
    static final Pattern NETWORK = Pattern.compile(CODE_NETWORK.pattern() + "|" + SHELL_NETWORK.pattern());
    /** Words a source needs, checked before its pattern (most lines have none). */
    private static final List<String> DOWNLOAD_WORDS = List.of("url", "request", "http", "fetch", "axios", "superagent",
            "net::", "uri", "invoke-", "download", "webclient", "openstream", "curl", "wget", "/dev/tcp", "/dev/udp");
    private static final List<String> DECODE_WORDS = List.of("decode", "fromhex", "unhexlify", "a2b_", "decompress", "atob",
            "fromcharcode", "inflate", "gunzip", "unzip", "brotli", "unescape", "parsebase64", "parsehex", "base64",
            "gzuncompress", "rot13", "hex2bin", "pack", "buffer.from", "::-1", "reverse()", "xxd", "openssl", "zcat", "gzip",
            "uudecode", "rev");
    private static final Pattern STREAM_WRITE = Pattern.compile("\\.(?:write|end)\\s*\\(");
    private static final Pattern REQUEST_OBJECT = Pattern.compile(
            "\\bhttps?\\.request\\s*\\(|\\bnet\\.(?:connect|Socket|createConnection)\\b|\\btls\\.connect\\b|socket\\.socket\\(|create_connection\\(");
    private static final Pattern WITH_AS = Pattern.compile("^\\s*(?:async\\s+)?with\\s+(.+?)\\s+as\\s+([A-Za-z_]\\w*)\\s*:");
    private static final Pattern HANDLE = Pattern.compile(
            "\\bopen\\(\\s*[\"']([^\"']+)[\"']\\s*,\\s*[\"'][wa]b?\\+?[\"']\\s*\\)\\s*as\\s+(\\w+)|(\\w+)\\s*=\\s*open\\(\\s*[\"']([^\"']+)[\"']\\s*,\\s*[\"'][wa]");
    private static final Pattern WRITTEN_FILE = Pattern.compile(
            "\\bcurl\\b[^;&|\\n]*?\\s(?:-[a-zA-Z]*o|--output)[= ]?\\s*[\"']?([^\\s\"';&|]+)"
                    + "|\\bwget\\b[^;&|\\n]*?\\s(?:-[a-zA-Z]*O|--output-document)[= ]?\\s*[\"']?([^\\s\"';&|-][^\\s\"';&|]*)"
                    + "|\\b(?:curl\\b[^;&|\\n]*\\s-[a-zA-Z]*O\\b|wget\\b(?![^;&|\\n]*\\s-[a-zA-Z]*O))[^;&|\\n]*?(?:https?|ftp)://[^\\s\"';&|]*/([^/\\s\"';&|?#]+)"
                    + "|(?<![0-9&])>>?\\s*[\"']?([^\\s\"';&|>&][^\\s\"';&|>]*)|\\btee\\s+(?:-a\\s+)?[\"']?([^\\s\"';&|-][^\\s\"';&|]*)"
                    + "|\\burlretrieve\\(\\s*[^,]+,\\s*[\"']([^\"']+)[\"']|\\b(?:writeFileSync|writeFile|createWriteStream|write_bytes|write_text)\\(\\s*[\"']([^\"']+)[\"']"
                    + "|\\bopen\\(\\s*[\"']([^\"']+)[\"']\\s*,\\s*[\"'][wa]b?\\+?[\"']\\s*\\)\\s*\\.write\\(");
    private static final Pattern VERIFIED = Pattern.compile(
            "\\b(?:sha(?:1|224|256|384|512)sum|shasum|b2sum)\\b[^\\n]*(?:\\s-c\\b|--check\\b|\\s-a\\s+\\d+\\s+-c\\b)|\\bgpg\\s+(?:--\\S+\\s+)*--verify\\b|\\bcosign\\s+verify\\b");
    private static final Pattern SOCKET_OPEN = Pattern.compile(
            "socket\\.socket\\(|socket\\.create_connection\\(|\\bnew\\s+net\\.Socket\\(|\\bnet\\.(?:connect|createConnection)\\(|\\btls\\.connect\\("
                    + "|TCPSocket\\.(?:new|open)|\\bfsockopen\\(|IO::Socket::INET|\\bsocket\\s*\\(\\s*\\w+\\s*,\\s*PF_INET|new\\s+Socket\\("
                    + "|Net\\.Sockets\\.TCPClient|net\\.Dial\\(|TcpStream::connect");
    private static final Pattern SHELL_BIND = Pattern.compile(
            "\\b(?:os\\.)?dup2\\(|pty\\.spawn\\(|\\.pipe\\(\\s*[\\w.]*\\.stdin\\s*\\)|\\bstdin\\s*=\\s*(?:\\w+\\.fileno\\(\\)|\\w+\\.makefile|s|sock|so|conn|client)\\b"
                    + "|open\\(\\s*STD(?:IN|OUT|ERR)\\s*,\\s*[\"']?[>+<]*&|\\bexec\\s*\\(?\\s*[\"'](?:/bin/)?(?:ba|z|da)?sh\\b|\\bexec\\s+sprintf\\(\\s*[\"']/bin/(?:ba)?sh"
                    + "|\\bproc_open\\(\\s*[\"'](?:/bin/)?(?:ba)?sh|[\"'](?:/bin/)?(?:ba|z|da)?sh[\"']\\s*,\\s*[\"']-i[\"']|(?:/bin/)?\\b(?:ba|z|da)?sh\\s+-i\\b"
                    + "|\\bon\\(\\s*[\"']data[\"'][^\\n]*\\bexec(?:Sync)?\\(|\\bcmd\\.exe\\b|\\bProcessBuilder\\([^)]*[\"'](?:/bin/)?(?:ba)?sh"
                    + "|exec\\.Command\\(\\s*[\"'](?:/bin/)?(?:ba)?sh");
    private static final int MAX_FLOW_LINE = 2_000;
    private static final int MEMORY = 60;
    private static final Pattern CRONTAB = Pattern.compile("\\bCronTab\\s*\\(\\s*(?:user|tabfile)\\s*=");
    private static final Pattern CRONTAB_WRITE = Pattern.compile("\\.write(?:_to_user)?\\s*\\(");
    private static final Pattern PATH_LIKE = Pattern.compile("(?=.*[/.])(?!\\d+$)[\\w./~${}+-]{3,}");
    private static final Set<String> WHOLE_ENV_METHODS = Set.of("items", "copy", "keys", "values", "toString", "entries", "__repr__");

    private ScriptFlows() { }

    /**
     * The flows of a script's logical lines: {@code raw} as written, {@code clean} with its obfuscation undone,
     * {@code substituted} with its variables written out too.
     */
    static List<Flow> check(List<String> raw, List<ScriptLine> clean, List<String> substituted) {
        Reading r = new Reading();
        for (ScriptLine l : clean) {
            String lower = l.text().toLowerCase(Locale.ROOT);
            boolean network = lower.contains("socket") || lower.contains("net.") || lower.contains("tls.") || lower.contains("request")
                    || lower.contains("connect") || lower.contains("tcpclient") || lower.contains("dial") || lower.contains("tcpstream");
            r.streams |= network && REQUEST_OBJECT.matcher(l.text()).find();
            r.socket |= network && SOCKET_OPEN.matcher(l.text()).find();
        }
        r.opensSocket = r.socket;
        for (int i = 0; i < clean.size(); i++) {
            r.line(raw.get(i), clean.get(i), substituted.get(i));
        }
        return r.out;
    }

    /** One reading of a script, top to bottom: what each variable, file and file handle holds so far. */
    private static final class Reading {
        final List<Flow> out = new ArrayList<>();
        final Map<String, EnumSet<Source>> names = new HashMap<>();
        final Map<String, Integer> since = new HashMap<>();
        int index;
        final Map<String, Pattern> references = new HashMap<>();
        final Map<String, EnumSet<Source>> files = new LinkedHashMap<>();
        final Map<String, String> handles = new HashMap<>();
        final Set<String> crontabs = new HashSet<>();
        boolean streams;
        boolean socket;
        boolean opensSocket;

        void line(String raw, ScriptLine line, String sub) {
            String text = line.text();
            index++;
            if (text.length() > MAX_FLOW_LINE) {
                return; // a minified or generated line: everything co-occurs on it, which says nothing
            }
            // what a short name held a screenful ago belongs to other code (names are not scoped to functions here)
            names.keySet().removeIf(n -> index - since.getOrDefault(n, index) > MEMORY);
            // a decoder the clean text already decoded still counts as the source it was
            EnumSet<Source> decoded = raw.equals(text) ? EnumSet.noneOf(Source.class) : ScriptFlows.sources(raw);
            // code run: judged on the whole logical line (a callback's body reads what the call fetched)
            EnumSet<Source> present = sources(text);
            present.addAll(decoded);
            if (present.contains(Source.DOWNLOAD) || present.contains(Source.DECODE)) {
                boolean codeExec = CODE_EXEC.matcher(text).find();
                if (codeExec || SHELL_EXEC.matcher(text).find()) {
                    if (present.contains(Source.DOWNLOAD)) {
                        out.add(new Flow(GuardRules.PIPE_TO_SHELL, line, EXEC, "runs code it downloads", !codeExec));
                    }
                    if (present.contains(Source.DECODE)) {
                        out.add(new Flow(GuardRules.DECODE_AND_RUN, line, EXEC, "decodes a hidden payload and runs it", !codeExec));
                    }
                }
            }
            if (opensSocket && present.contains(Source.RECEIVED) && EXEC.matcher(text).find()) {
                // what came over the connection is run: a shell served over a socket, line by line
                out.add(new Flow(GuardRules.REVERSE_SHELL, line, EXEC, "runs commands it receives over a network connection (a reverse shell)",
                        !CODE_EXEC.matcher(text).find()));
                opensSocket = false; // once a file is enough
            }
            Matcher bind = SHELL_BIND.matcher(text);
            if (socket && bind.find()) {
                out.add(new Flow(GuardRules.REVERSE_SHELL, line, SHELL_BIND, "hands a shell to a network connection (a reverse shell)",
                        bind.group().matches("(?s).*sh\\s+-i\\b.*")));
                socket = false; // once a file is enough
            }
            for (String tab : crontabs) {
                if (text.contains(tab + ".write")) {
                    out.add(new Flow(GuardRules.PERSISTENCE, line, CRONTAB_WRITE, "installs a job in the student's crontab", false));
                }
            }
            Matcher with = WITH_AS.matcher(text);
            if (text.contains(" as ") && with.find()) {
                EnumSet<Source> held = sources(with.group(1));
                if (!held.isEmpty()) {
                    names.merge(with.group(2), held, ScriptFlows::union);
                    since.put(with.group(2), index);
                }
            }
            Matcher h = HANDLE.matcher(text);
            while (text.contains("open(") && h.find()) {
                handles.put(h.group(2) != null ? h.group(2) : h.group(3), h.group(1) != null ? h.group(1) : h.group(4));
            }
            if (!files.isEmpty() && VERIFIED.matcher(sub).find()) {
                files.keySet().removeIf(sub::contains); // checked against a pinned checksum or signature
            }
            List<String> statements = ScriptVariables.statements(text);
            List<String> subStatements = ScriptVariables.statements(sub);
            for (int s = 0; s < statements.size(); s++) {
                statement(line, statements.get(s), s < subStatements.size() ? subStatements.get(s) : statements.get(s), decoded);
            }
        }

        /** One statement: the tainted files it runs or sends, then what it assigns and writes. */
        private void statement(ScriptLine line, String statement, String sub, EnumSet<Source> decoded) {
            EnumSet<Source> held = sources(statement);
            held.addAll(decoded);
            sends(line, statement, held);
            Optional<Assignment> a = statement.indexOf('=') < 0 ? Optional.empty() : Assignment.of(statement);
            Matcher test = a.isEmpty() && statement.indexOf('=') > 0 ? TEST_ASSIGNMENT.matcher(statement) : null;
            if (test != null && test.matches()) {
                a = Optional.of(new Assignment(test.group(1), test.group(2)));
            }
            if (a.isPresent() && CRONTAB.matcher(a.get().value()).find()) {
                crontabs.add(a.get().name()); // python-crontab: the job is installed when the tab is written
            }
            for (Map.Entry<String, EnumSet<Source>> f : files.entrySet()) {
                if (!sub.contains(f.getKey())) {
                    continue;
                }
                held.addAll(f.getValue());
                Pattern run = runPattern(f.getKey());
                if (f.getValue().contains(Source.DOWNLOAD) && run.matcher(sub).find()) {
                    out.add(new Flow(GuardRules.PIPE_TO_SHELL, line, run, "runs a file it downloaded", true));
                }
                if (f.getValue().contains(Source.DECODE) && run.matcher(sub).find()) {
                    out.add(new Flow(GuardRules.DECODE_AND_RUN, line, run, "runs a file it decoded from a hidden payload", true));
                }
                if (f.getValue().contains(Source.ENV) && NETWORK.matcher(sub).find()) {
                    out.add(new Flow(GuardRules.ENV_EXFILTRATION, line, NETWORK, "sends a dump of the environment over the network",
                            !CODE_NETWORK.matcher(sub).find()));
                }
            }
            if (a.isPresent() && held.isEmpty()) {
                names.remove(a.get().name()); // given a plain value again
            }
            if (held.isEmpty()) {
                return;
            }
            if (a.isPresent()) {
                names.merge(a.get().name(), EnumSet.copyOf(held), ScriptFlows::union);
                since.put(a.get().name(), index);
            }
            Matcher w = WRITTEN_FILE.matcher(sub);
            while (w.find()) {
                for (int g = 1; g <= w.groupCount(); g++) {
                    String file = w.group(g);
                    if (file != null && PATH_LIKE.matcher(file).matches() && !file.startsWith("/dev/")) {
                        files.merge(file, EnumSet.copyOf(held), ScriptFlows::union);
                    }
                }
            }
            handles.forEach((handle, file) -> {
                if (statement.contains(handle + ".write(")) {
                    files.merge(file, EnumSet.copyOf(held), ScriptFlows::union);
                }
            });
        }

        /**
         * Whether what a statement holds is sent over the network: judged statement by statement, since in
         * {@code env | grep -q PATH && curl …} the environment never reaches curl.
         */
        private void sends(ScriptLine line, String text, EnumSet<Source> present) {
            if (present.contains(Source.ENV)) {
                boolean codeNetwork = CODE_NETWORK.matcher(text).find() || streams && STREAM_WRITE.matcher(text).find();
                if (codeNetwork || SHELL_NETWORK.matcher(text).find()) {
                    out.add(new Flow(GuardRules.ENV_EXFILTRATION, line, CODE_NETWORK.matcher(text).find() || !codeNetwork ? NETWORK
                            : STREAM_WRITE, "sends the environment over the network", !codeNetwork));
                }
            }
        }

        /** The sources a piece of text shows itself, and those of the variables it reads. */
        EnumSet<Source> sources(String text) {
            EnumSet<Source> out = ScriptFlows.sources(text);
            if (names.isEmpty()) {
                return out;
            }
            if (text.contains("env")) {
                text = withoutChildEnv(text);
            }
            for (Map.Entry<String, EnumSet<Source>> n : names.entrySet()) {
                if (!text.contains(n.getKey())) {
                    continue;
                }
                Matcher m = references.computeIfAbsent(n.getKey(),
                        k -> Pattern.compile("(?<![\\w.])\\$?\\{?" + k + "\\b(\\s*(?:\\[|\\.(\\w+)))?")).matcher(text);
                while (m.find()) {
                    EnumSet<Source> held = EnumSet.copyOf(n.getValue());
                    if (m.group(1) != null && (m.group(2) == null || !WHOLE_ENV_METHODS.contains(m.group(2)))) {
                        held.remove(Source.ENV); // env["PATH"], env.HOME: one variable, not the environment
                    }
                    out.addAll(held);
                }
            }
            return out;
        }
    }

    /** The sources a piece of text shows itself. */
    private static EnumSet<Source> sources(String text) {
        EnumSet<Source> out = EnumSet.noneOf(Source.class);
        String lower = text.toLowerCase(Locale.ROOT);
        if (LineBehaviours.containsAny(lower, DOWNLOAD_WORDS) && DOWNLOAD.matcher(text).find()) {
            out.add(Source.DOWNLOAD);
        }
        if (LineBehaviours.containsAny(lower, DECODE_WORDS) && DECODE.matcher(text).find()) {
            out.add(Source.DECODE);
        }
        if ((text.contains("env") || text.contains("ENV") || text.contains("Env")) && ENV.matcher(withoutChildEnv(text)).find()) {
            out.add(Source.ENV);
        }
        if ((text.contains(".recv") || text.contains("gets") || text.contains(".read") || text.contains("ReadString")) && RECEIVE.matcher(text).find()) {
            out.add(Source.RECEIVED);
        }
        return out;
    }

    /**
     * The text without the environments it hands to child processes — unless it serializes them or passes them to a
     * network call ({@code axios.post(u, {env: process.env})}): then {@code env:} is a payload's field, not a child's.
     */
    private static String withoutChildEnv(String text) {
        return SERIALIZED.matcher(text).find() || CODE_NETWORK.matcher(text).find() ? text : CHILD_ENV.matcher(text).replaceAll("");
    }

    /** Where a file is run: as a command, through an interpreter, sourced, or from code. */
    private static Pattern runPattern(String file) {
        String f = Pattern.quote(file);
        String base = Pattern.quote(file.substring(file.lastIndexOf('/') + 1));
        String any = "(?:" + f + "|\\./" + base + ")";
        return Pattern.compile("(?:^\\s*|[;&|{]\\s*|(?<![\\w.$])\\(\\s*|\\b(?:exec|nohup|sudo|then|do|time|nice|setsid)\\s+)[\"']?" + any + "[\"']?(?:\\s|$|[;&|)])"
                + "|\\b(?:sh|bash|zsh|dash|ksh|source|python[0-9.]*|perl|ruby|node|php)\\s+(?:-\\S+\\s+)*[\"']?(?:" + any + "|" + base
                + ")[\"']?(?:\\s|$|[;&|)])|(?:^|[;&|]\\s*)\\.\\s+[\"']?" + f
                + "|\\b(?:system|popen|Popen|call|run|check_call|check_output|spawn\\w*|exec\\w*|execFile\\w*)\\s*\\([^\\n]*[\"']" + any + "[\"']");
    }

    private static EnumSet<Source> union(EnumSet<Source> a, EnumSet<Source> b) {
        EnumSet<Source> u = EnumSet.copyOf(a);
        u.addAll(b);
        return u;
    }
}
