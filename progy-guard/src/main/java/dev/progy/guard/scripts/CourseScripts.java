package dev.progy.guard.scripts;

import dev.progy.CourseArchive;
import dev.progy.guard.rule.Finding;
import dev.progy.model.CourseProblem;
import dev.progy.spi.support.compose.ComposeProject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every file of a course the behaviour rules read — all of it runs on the student's machine, runner scripts,
 * build helpers, starters, tests and solutions alike: scripts by extension (shell, Python, JavaScript/TypeScript
 * and the other languages courses are written in), Makefiles and their kin, shell start-up files the course
 * ships, build files that run commands (pom.xml, CMakeLists.txt), service units, files without extension that
 * start with {@code #!}; the commands inside course.json, package.json, composer.json, dev container and VS Code
 * task files, quizzes' code, compose files and notebooks ({@link DocumentCommands}); a miner's signals in other
 * configuration files; and Dockerfiles the runners did not already have checked.
 * What a course archive leaves out, Markdown (prose, never run) and files over 1 MiB are not read.
 */
public final class CourseScripts {

    private static final Set<String> EXTENSIONS = Set.of("sh", "bash", "zsh", "ksh", "fish", "ps1", "psm1", "bat", "cmd",
            "py", "pyw", "js", "mjs", "cjs", "ts", "mts", "cts", "jsx", "tsx", "rb", "pl", "pm", "php", "lua", "r",
            "java", "kt", "kts", "groovy", "gradle", "scala", "go", "rs", "c", "cc", "cpp", "h", "hpp", "cs", "swift", "mk",
            "service", "timer", "desktop", "cmake");
    private static final Set<String> NAMES = Set.of("Makefile", "makefile", "GNUmakefile", "Justfile", "justfile",
            "Rakefile", "Vagrantfile", "Procfile", "tox.ini", "pom.xml", "build.xml", "CMakeLists.txt", ".bashrc", ".bash_profile", ".bash_login", ".bash_logout",
            ".bash_aliases", ".profile", ".zshrc", ".zprofile", ".zshenv", ".zlogin", ".envrc", ".kshrc", ".cshrc");
    /** JSON files that hold commands run for the student (see {@link DocumentCommands#otherJson}). */
    private static final Set<String> OTHER_JSON = Set.of("composer.json", "devcontainer.json", ".devcontainer.json", "tasks.json",
            "quiz.json");
    private static final Pattern DOCKERFILE = Pattern.compile("(?i)(?:Dockerfile|Containerfile)(?:\\.[\\w.-]+)?|[\\w.-]+\\.(?:Dockerfile|Containerfile)");
    private static final Pattern COMPOSE = Pattern.compile("(?:docker-)?compose(?:\\.[\\w.-]+)?\\.ya?ml");
    /** Configuration formats, read for a miner's signals only (a quiz is prose: left out). */
    private static final Set<String> DATA = Set.of("json", "yaml", "yml", "toml", "ini", "conf", "cfg", "env");
    private static final long MAX_BYTES = 1 << 20;

    private CourseScripts() { }

    /**
     * The behaviour findings of the course at {@code root}; {@code checkedDockerfiles} were already checked (as the
     * runners' images), {@code composeFiles} are the runners' compose files, whatever their names.
     */
    public static List<Finding> check(Path root, Set<String> checkedDockerfiles, Set<String> composeFiles) {
        List<Finding> out = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && CourseArchive.EXCLUDED_NAMES.contains(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && attrs.size() <= MAX_BYTES) {
                        String relative = root.relativize(file).toString().replace('\\', '/');
                        try {
                            out.addAll(check(file, relative, checkedDockerfiles, composeFiles));
                        } catch (IOException | RuntimeException notText) {
                            // not UTF-8 text (or gone): the structure checks' business; the walk goes on
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // an unreadable folder: what was read is reported
        }
        return out;
    }

    private static List<Finding> check(Path file, String relative, Set<String> checkedDockerfiles, Set<String> composeFiles)
            throws IOException {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
        if (relative.equals("course.json")) {
            return DocumentCommands.courseJson(relative, read(file));
        }
        if (name.equals("package.json")) {
            return DocumentCommands.packageJson(relative, read(file));
        }
        if (OTHER_JSON.contains(name)) {
            List<Finding> out = new ArrayList<>(DocumentCommands.otherJson(relative, read(file)));
            if (!name.equals("quiz.json")) {
                out.addAll(DocumentCommands.data(relative, read(file)));
            }
            return out;
        }
        if (composeFiles.contains(relative) || COMPOSE.matcher(name).matches()) {
            return DocumentCommands.compose(relative, read(file));
        }
        if (ext.equals("ipynb")) {
            return DocumentCommands.notebook(relative, read(file));
        }
        if (DOCKERFILE.matcher(name).matches() && !ext.equals("md")) {
            return checkedDockerfiles.contains(relative) ? List.of() : DockerfileChecks.check(relative, read(file));
        }
        if (EXTENSIONS.contains(ext) || NAMES.contains(name) || ext.isEmpty() && startsWithShebang(file)) {
            return ScriptChecks.check(relative, read(file));
        }
        if (DATA.contains(ext) && !name.equals("quiz.json")) {
            return DocumentCommands.data(relative, read(file));
        }
        return List.of();
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static boolean startsWithShebang(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && head[0] == '#' && head[1] == '!';
        } catch (IOException e) {
            return false;
        }
    }

    /** The line of a compose problem's key ({@code services.app.privileged}) in its file; 0 when it cannot be found. */
    public static int composeLine(Path root, CourseProblem p) {
        try {
            Path file = root.resolve(p.file()).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file) || Files.size(file) > ComposeProject.MAX_FILE_BYTES) {
                return 0;
            }
            return DocumentScalars.yaml(Files.readString(file, StandardCharsets.UTF_8)).lineOf(p.location(), p.message()).orElse(0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
