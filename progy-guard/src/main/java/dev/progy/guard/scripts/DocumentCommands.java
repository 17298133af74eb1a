package dev.progy.guard.scripts;

import dev.progy.guard.rule.Finding;
import dev.progy.guard.rule.GuardRules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


/**
 * The commands written inside JSON and YAML files, checked by the behaviour rules at the lines they are written on:
 * course.json runners ({@code command} and {@code args} as one command line) and setup checks, package.json
 * {@code scripts} (npm runs {@code preinstall}, {@code postinstall}, {@code pretest} … without asking), a compose
 * file's {@code command}, {@code entrypoint} and {@code healthcheck.test} (string or list) and its images, the code
 * cells of a Jupyter notebook, and a miner's signals in any configuration file.
 */
final class DocumentCommands {

    private static final Pattern RUNNER = Pattern.compile("^(runners\\[\\d+]|runner)\\.(command|args\\[\\d+])$");
    private static final Pattern SETUP_CHECK = Pattern.compile("^setup\\.checks\\[\\d+]\\.command$");
    private static final Pattern SCRIPT = Pattern.compile("^scripts\\.[^.\\[]+$");
    private static final Pattern SERVICE_COMMAND = Pattern.compile(
            "^(services\\.[^.\\[]+\\.(?:command|entrypoint|healthcheck\\.test))(?:\\[\\d+])?$");
    private static final Pattern COMPOSER_SCRIPT = Pattern.compile("^(scripts\\.[^.\\[]+)(?:\\[\\d+])?$");
    private static final Pattern DEVCONTAINER_COMMAND = Pattern.compile(
            "^((?:initialize|onCreate|updateContent|postCreate|postStart|postAttach)Command(?:\\.[^.\\[]+)?)(?:\\[\\d+])?$");
    private static final Pattern VSCODE_TASK = Pattern.compile("^(tasks\\[\\d+](?:\\.(?:linux|osx|windows))?)\\.(?:command|args\\[\\d+])$");
    private static final Pattern QUIZ_CODE = Pattern.compile("^questions\\[\\d+]\\.(?:solutionCode|startingCode)$");
    private static final Pattern SERVICE_IMAGE = Pattern.compile("^services\\.[^.\\[]+\\.image$");
    private static final Pattern CELL = Pattern.compile("^(cells\\[\\d+])\\.(cell_type|source(?:\\[\\d+])?)$");

    private DocumentCommands() { }

    static List<Finding> courseJson(String file, String text) {
        Map<String, List<DocumentScalars.Scalar>> commands = new LinkedHashMap<>();
        for (DocumentScalars.Scalar s : DocumentScalars.json(text).scalars()) {
            Matcher runner = RUNNER.matcher(s.path());
            if (runner.matches()) {
                commands.computeIfAbsent(runner.group(1), k -> new ArrayList<>()).add(s);
            } else if (SETUP_CHECK.matcher(s.path()).matches()) {
                commands.computeIfAbsent(s.path(), k -> new ArrayList<>()).add(s);
            }
        }
        return check(file, text, commands);
    }

    static List<Finding> packageJson(String file, String text) {
        return byPath(file, text, SCRIPT);
    }

    /**
     * The other JSON files whose commands run without the student typing them: composer.json {@code scripts}, a
     * dev container's life-cycle commands ({@code initializeCommand} runs on the student's machine itself), VS Code
     * tasks (which can run when the folder is opened), and a quiz's code, run when a coding answer is graded.
     */
    static List<Finding> otherJson(String file, String text) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        return switch (name) {
            case "composer.json" -> byPath(file, text, COMPOSER_SCRIPT);
            case "devcontainer.json", ".devcontainer.json" -> byPath(file, text, DEVCONTAINER_COMMAND);
            case "tasks.json" -> byPath(file, text, VSCODE_TASK);
            case "quiz.json" -> byPath(file, text, QUIZ_CODE);
            default -> List.of();
        };
    }

    /** Every value whose path {@code pattern} matches: one command each, or one per group 1 when it has a group. */
    private static List<Finding> byPath(String file, String text, Pattern pattern) {
        Map<String, List<DocumentScalars.Scalar>> commands = new LinkedHashMap<>();
        for (DocumentScalars.Scalar s : DocumentScalars.json(text).scalars()) {
            Matcher m = pattern.matcher(s.path());
            if (m.matches()) {
                commands.computeIfAbsent(m.groupCount() > 0 && m.group(1) != null ? m.group(1) : s.path(),
                        k -> new ArrayList<>()).add(s);
            }
        }
        return check(file, text, commands);
    }

    static List<Finding> compose(String file, String text) {
        Map<String, List<DocumentScalars.Scalar>> commands = new LinkedHashMap<>();
        List<Finding> images = new ArrayList<>();
        for (DocumentScalars.Scalar s : DocumentScalars.yaml(text).scalars()) {
            if (SERVICE_IMAGE.matcher(s.path()).matches() && LineBehaviours.minerImage(s.text())) {
                images.add(new Finding(GuardRules.CRYPTO_MINER, file, s.line(), "the image " + s.text() + " is a cryptocurrency miner",
                        "remove it: course code must only build and check the exercise"));
            }
            Matcher m = SERVICE_COMMAND.matcher(s.path());
            if (m.matches()) {
                List<DocumentScalars.Scalar> words = commands.computeIfAbsent(m.group(1), k -> new ArrayList<>());
                boolean testForm = m.group(1).endsWith(".test") && words.isEmpty() && s.text().matches("CMD(-SHELL)?|NONE");
                if (!testForm) {
                    words.add(s);
                }
            }
        }
        List<Finding> out = new ArrayList<>(images);
        out.addAll(check(file, text, commands));
        return out;
    }

    /** Configuration files (JSON, YAML, TOML, INI): only a miner's unmistakable signals, since the rest is data. */
    static List<Finding> data(String file, String text) {
        List<Finding> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int n = 0; n < lines.length; n++) {
            if (LineBehaviours.MINER_SIGNATURE.matcher(lines[n]).find()) {
                out.add(new Finding(GuardRules.CRYPTO_MINER, file, n + 1, "this line configures a cryptocurrency miner",
                        "remove it: course code must only build and check the exercise"));
            }
        }
        return out;
    }

    static List<Finding> notebook(String file, String text) {
        Map<String, List<DocumentScalars.Scalar>> cells = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        for (DocumentScalars.Scalar s : DocumentScalars.json(text).scalars()) {
            Matcher m = CELL.matcher(s.path());
            if (m.matches() && m.group(2).equals("cell_type")) {
                types.put(m.group(1), s.text());
            } else if (m.matches()) {
                cells.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(s);
            }
        }
        List<ScriptLine> code = new ArrayList<>();
        cells.forEach((cell, lines) -> {
            if ("code".equals(types.get(cell))) {
                lines.forEach(l -> code.add(new ScriptLine(l.line(), l.text().replaceFirst("^[!%]", "").stripTrailing())));
            }
        });
        return ScriptChecks.check(file, code);
    }

    /** Each command's words as one command line; a finding moved to the word that shows it on its own. */
    private static List<Finding> check(String file, String text, Map<String, List<DocumentScalars.Scalar>> commands) {
        List<Finding> out = new ArrayList<>();
        String[] raw = text.split("\r?\n", -1);
        for (List<DocumentScalars.Scalar> words : commands.values()) {
            List<ScriptLine> lines = lines(raw, words);
            for (Finding f : ScriptChecks.check(file, lines)) {
                int line = f.line();
                if (words.size() > 1) {
                    for (DocumentScalars.Scalar w : words) {
                        Optional<Finding> alone = ScriptChecks.check(file, lines(raw, List.of(w))).stream()
                                .filter(x -> x.rule() == f.rule()).findFirst();
                        if (alone.isPresent()) {
                            line = alone.get().line();
                            break;
                        }
                    }
                }
                out.add(new Finding(f.rule(), file, line, f.message(), f.fix()));
            }
        }
        return out;
    }

    /**
     * The words joined into script lines: one line per line of the joined text, each at the line of the file where
     * its text is found (a YAML block scalar's lines follow the key), else right after the one before.
     */
    private static List<ScriptLine> lines(String[] raw, List<DocumentScalars.Scalar> words) {
        StringBuilder joined = new StringBuilder();
        for (DocumentScalars.Scalar w : words) {
            // a word with spaces is one argument, as a shell would quote it: sh -c 'env | nc host 9'
            String word = words.size() > 1 && w.text().matches("(?s).*\\s.*") && !w.text().contains("\n")
                    ? (w.text().contains("'") ? "\"" + w.text() + "\"" : "'" + w.text() + "'") : w.text();
            joined.append(joined.length() == 0 ? "" : " ").append(word);
        }
        String[] parts = joined.toString().split("\r?\n", -1);
        List<ScriptLine> out = new ArrayList<>(parts.length);
        int at = words.get(0).line();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].trim();
            if (i > 0 && part.isEmpty()) {
                continue;
            }
            int found = -1;
            for (int n = Math.max(at - 1, 0); n < raw.length && n < at + 50 && !part.isEmpty(); n++) {
                if (raw[n].contains(part.length() > 60 ? part.substring(0, 60) : part)) {
                    found = n + 1;
                    break;
                }
            }
            at = found > 0 ? found : i == 0 ? at : at + 1;
            out.add(new ScriptLine(at, parts[i]));
        }
        return out;
    }
}
