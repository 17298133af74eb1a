package dev.progy.spi.support.sandbox;

import dev.progy.spi.support.scratch.TempPaths;
import dev.progy.spi.support.IoFailures;
import dev.progy.spi.support.protocol.Placeholders;
import dev.progy.error.ProgyException;
import dev.progy.error.UnsafePathException;
import dev.progy.spi.support.scratch.ScratchFolders;
import dev.progy.model.RunnerSpec;
import dev.progy.spi.RunRequest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The checked paths of one container run: the workspace and the exercise folder on the host (real paths), the
 * exercise folder and the working folder in the container, and the argv with its placeholders filled with
 * container paths. Made only by {@link #check}, which refuses anything that could mount more than the workspace.
 */
record SandboxPaths(Path workspace, Path exerciseDir, String exercisePath, String workingDir, List<String> argv) {

    static SandboxPaths check(RunRequest request, MountSources sources) {
        Path given = request.workspace().toAbsolutePath().normalize();
        sources.refuseUnsafe("the workspace", given);
        Path workspace = realFolder(given, "the workspace " + given + " does not exist",
                "run the exercise from a workspace made by `progy init`");

        Path exerciseGiven = request.exerciseDir().toAbsolutePath().normalize();
        if (!exerciseGiven.startsWith(given) || exerciseGiven.equals(given)) {
            throw new UnsafePathException("refused to run: the exercise folder " + exerciseGiven
                    + " lies outside the workspace " + given + "; the course's content.exercises must stay inside it");
        }
        Path relative = given.relativize(exerciseGiven);
        if (SandboxPolicy.HIDDEN_FOLDERS.contains(relative.getName(0).toString())) {
            throw new UnsafePathException("refused to run: the exercise folder " + exerciseGiven + " lies in "
                    + relative.getName(0) + ", which is hidden from course code");
        }
        String exercisePath = SandboxPolicy.WORKSPACE_PATH + "/" + slashed(relative);
        // ids with '..' or shell characters are refused here, before anything touches the disk
        Placeholders values = Placeholders.forExercise(request.exercise(), exercisePath);

        Path exerciseDir = exerciseFolder(exerciseGiven, workspace, relative);
        sources.refuseUnsafe("the exercise folder", exerciseDir);
        String workingDir = workingDir(request.runner(), values, workspace);
        return new SandboxPaths(workspace, exerciseDir, exercisePath, workingDir,
                values.fill(request.runner().command(), request.runner().args()));
    }

    /** A fresh, empty output folder in {@code parent}, apart from the workspace, owned by the container's user. */
    static Path createOutputFolder(Path parent, Path workspace, MountSources sources, ContainerUser user) {
        Path out;
        try {
            out = TempPaths.createDirectory(parent, "progy-out-").toRealPath();
        } catch (IOException e) {
            throw new ProgyException("could not create a folder for the run's results in " + parent + ": "
                    + IoFailures.describe(e), "check that the temporary folder (java.io.tmpdir) exists and has space", e);
        }
        try {
            return checkOutputFolder(out, workspace, sources, user);
        } catch (RuntimeException e) {
            ScratchFolders.deleteQuietly(out);
            throw e;
        }
    }

    /** {@code folder}, made and kept by the caller, as the output folder: checked like a fresh one, and empty. */
    static Path useOutputFolder(Path folder, Path workspace, MountSources sources, ContainerUser user) {
        Path out;
        try {
            out = folder.toRealPath();
            try (var entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw new ProgyException("the output folder " + out + " is not empty",
                            "empty it before the run: results of an earlier run must not count for this one");
                }
            }
        } catch (IOException e) {
            throw new ProgyException("could not use " + folder + " as the run's output folder: " + IoFailures.describe(e),
                    "pass an existing, empty folder", e);
        }
        return checkOutputFolder(out, workspace, sources, user);
    }

    private static Path checkOutputFolder(Path out, Path workspace, MountSources sources, ContainerUser user) {
        sources.refuseUnsafe("the output folder", out);
        if (out.startsWith(workspace) || workspace.startsWith(out)) {
            throw new UnsafePathException("refused to run: the output folder " + out
                    + " must be apart from the workspace " + workspace);
        }
        user.giveOwnership(out);
        return out;
    }

    /** The real exercise folder: inside the workspace, and reached without a link on the way. */
    private static Path exerciseFolder(Path given, Path workspace, Path relative) {
        Path expected = workspace.resolve(relative.toString());
        Path real;
        try {
            real = given.toRealPath();
        } catch (NoSuchFileException e) {
            if (Files.isSymbolicLink(given)) {
                throw new UnsafePathException("refused to run: the exercise folder " + given
                        + " is a link to something that does not exist");
            }
            throw new ProgyException("the exercise folder " + given + " is missing from the workspace",
                    "restore it, or run `progy init` again to get the starter files back; your other files are kept");
        } catch (IOException e) {
            throw new ProgyException("could not read the exercise folder " + given + ": " + IoFailures.describe(e),
                    "check that the workspace is readable", e);
        }
        if (!real.startsWith(workspace)) {
            throw new UnsafePathException("refused to run: the exercise folder " + given
                    + " is a link leading outside the workspace, to " + real);
        }
        if (!real.equals(expected)) {
            // the container would meet a link to a host path it cannot follow; and a link is how escapes start
            throw new UnsafePathException("refused to run: the exercise folder " + given + " is reached through a"
                    + " link (it is really " + real + "); replace the link with the folder itself");
        }
        if (!Files.isDirectory(real)) {
            throw new ProgyException("the exercise folder " + given + " is not a folder",
                    "restore it, or run `progy init` again to get the starter files back");
        }
        return real;
    }

    /** {@value SandboxPolicy#WORKSPACE_PATH}, or the runner's {@code cwd} (placeholders filled) inside it. */
    private static String workingDir(RunnerSpec spec, Placeholders values, Path workspace) {
        if (spec.cwd().isEmpty() || spec.cwd().get().isBlank()) {
            return SandboxPolicy.WORKSPACE_PATH;
        }
        String declared = values.fill(spec.cwd().get(), "cwd");
        String path = declared.startsWith("/") ? declared : SandboxPolicy.WORKSPACE_PATH + "/" + declared;
        String normal = normalize(path);
        if (!normal.equals(SandboxPolicy.WORKSPACE_PATH) && !normal.startsWith(SandboxPolicy.WORKSPACE_PATH + "/")) {
            throw new UnsafePathException("refused to run: the runner's cwd '" + declared
                    + "' leads outside the workspace");
        }
        Path onHost = workspace.resolve(normal.substring(SandboxPolicy.WORKSPACE_PATH.length()).replaceFirst("^/", ""));
        if (!Files.isDirectory(onHost)) {
            throw new ProgyException("the runner's working folder '" + declared + "' does not exist in the workspace",
                    "check \"cwd\" in course.json");
        }
        try {
            if (!onHost.toRealPath().startsWith(workspace)) {
                throw new UnsafePathException("refused to run: the runner's cwd '" + declared
                        + "' is a link leading outside the workspace");
            }
        } catch (IOException e) {
            throw new ProgyException("could not resolve the runner's working folder " + onHost + ": "
                    + IoFailures.describe(e), "check that the workspace is readable", e);
        }
        return normal;
    }

    /** A {@code /}-separated absolute path without {@code .}, {@code ..} or empty segments. */
    private static String normalize(String path) {
        Deque<String> segments = new ArrayDeque<>();
        for (String s : path.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                segments.pollLast();
            } else {
                segments.addLast(s);
            }
        }
        return "/" + String.join("/", segments);
    }

    private static String slashed(Path relative) {
        StringBuilder s = new StringBuilder();
        for (Path name : relative) {
            if (!s.isEmpty()) {
                s.append('/');
            }
            s.append(name);
        }
        return s.toString();
    }

    private static Path realFolder(Path path, String missing, String fix) {
        try {
            Path real = path.toRealPath();
            if (!Files.isDirectory(real)) {
                throw new ProgyException(path + " is not a folder", fix);
            }
            return real;
        } catch (NoSuchFileException e) {
            throw new ProgyException(missing, fix);
        } catch (IOException e) {
            throw new ProgyException("could not read " + path + ": " + IoFailures.describe(e), fix, e);
        }
    }
}
