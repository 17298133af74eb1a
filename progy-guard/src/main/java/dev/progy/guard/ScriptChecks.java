package dev.progy.guard;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The behaviour rules (PG-B…, and PG-D005 for downloads run) over the text of runner scripts, build files and
 * exercise code (shell, Python, JavaScript and more; Dockerfile {@code RUN} lines, compose commands, course.json and
 * package.json commands). Each logical line is judged as written, with one level of obfuscation undone
 * ({@link HiddenText}: escapes, glued strings, variables written out by {@link ScriptVariables}), and as decoded from
 * the encoded blobs on it; {@link LineBehaviours} and {@link CommandArguments} find what one line shows,
 * {@link ScriptFlows} what takes several. Each rule is reported once a line, on the physical line that shows it.
 */
final class ScriptChecks {

    private static final int MAX_LINE = 20_000;
    private static final String DECODED = " (hidden in an encoded string)";
    private static final String UNDONE = " (once its obfuscation is undone)";
    private static final String FIX = "remove it: course code must only build and check the exercise";

    private ScriptChecks() { }

    /** The behaviour findings of {@code text}, the content of {@code file} (relative to the course root). */
    static List<Finding> check(String file, String text) {
        return check(file, ScriptLine.of(text));
    }

    /** The behaviour findings of lines of {@code file}, each carrying the line of the file it comes from. */
    static List<Finding> check(String file, List<ScriptLine> physical) {
        Map<String, Finding> out = new LinkedHashMap<>();
        ScriptVariables variables = new ScriptVariables();
        List<ScriptLine> logical = ScriptLine.logical(physical);
        List<String> raws = new ArrayList<>(logical.size());
        List<ScriptLine> clean = new ArrayList<>(logical.size());
        List<String> substituted = new ArrayList<>(logical.size());
        for (ScriptLine line : logical) {
            String raw = line.text().length() > MAX_LINE ? line.text().substring(0, MAX_LINE) : line.text();
            String cleaned = HiddenText.clean(raw);
            String written = variables.substitute(cleaned);
            if (!written.equals(cleaned)) {
                written = HiddenText.clean(written);
            }
            Set<GuardRule> seen = new HashSet<>();
            match(file, line, raw, "", variables, seen, out);
            if (!cleaned.equals(raw)) {
                match(file, line, cleaned, UNDONE, variables, seen, out);
            }
            if (!written.equals(cleaned)) {
                match(file, line, written, UNDONE, variables, seen, out);
            }
            Set<String> decoded = new HashSet<>(HiddenText.blobs(raw));
            if (!written.equals(raw)) {
                decoded.addAll(HiddenText.blobs(written));
            }
            for (String text : decoded) {
                for (String decodedLine : text.split("\r?\n")) {
                    match(file, line, decodedLine, DECODED, variables, seen, out);
                    String decodedClean = HiddenText.clean(decodedLine);
                    if (!decodedClean.equals(decodedLine)) {
                        match(file, line, decodedClean, DECODED, variables, seen, out);
                    }
                }
            }
            variables.learn(cleaned);
            raws.add(raw);
            clean.add(new ScriptLine(line.line(), cleaned, line.parts()));
            substituted.add(written);
        }
        for (ScriptFlows.Flow flow : ScriptFlows.check(raws, clean, substituted)) {
            add(out, new Finding(flow.rule(), file, physicalLine(flow.line(), flow.where()), "this line " + flow.message(), FIX));
        }
        return new ArrayList<>(out.values());
    }

    private static void match(String file, ScriptLine line, String text, String how, ScriptVariables variables,
                              Set<GuardRule> seen, Map<String, Finding> out) {
        for (LineBehaviours.Behaviour b : LineBehaviours.ALL) {
            if (!seen.contains(b.rule()) && b.pattern().matcher(text).find()) {
                seen.add(b.rule());
                int at = how.isEmpty() ? physicalLine(line, b.pattern()) : line.line();
                add(out, new Finding(b.rule(), file, at, "this line " + b.message() + how, FIX));
            }
        }
        for (CommandArguments.Hit hit : CommandArguments.find(text, variables)) {
            if (seen.add(hit.rule())) {
                int at = line.line();
                for (ScriptLine part : line.physical()) {
                    if (!CommandArguments.find(part.text(), variables).isEmpty()) {
                        at = part.line();
                        break;
                    }
                }
                add(out, new Finding(hit.rule(), file, at, "this line " + hit.message() + how, FIX));
            }
        }
    }

    /** The physical line of a joined line that shows {@code where} on its own; the first when none does alone. */
    private static int physicalLine(ScriptLine line, Pattern where) {
        for (ScriptLine part : line.physical()) {
            if (where.matcher(part.text()).find() || where.matcher(HiddenText.clean(part.text())).find()) {
                return part.line();
            }
        }
        return line.line();
    }

    /** One finding a rule and line: the first found (the plainest reading) is kept. */
    private static void add(Map<String, Finding> out, Finding f) {
        out.putIfAbsent(f.rule().id() + "@" + f.line(), f);
    }
}
