package dev.progy.sync.backup;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A student's workspace laid out on disk for backup tests, and ways to look into the git repositories it pushes to. */
final class StudentWorkspace {
    private StudentWorkspace() { }

    /** A workspace with a student's work, Progy's state, secrets and build litter. */
    static Path write(Path root) {
        files(root, Map.ofEntries(
                Map.entry(".progy/workspace.json", "{\"courseId\":\"demo\"}"),
                Map.entry(".progy/course/course.json", "{\"id\":\"demo\"}"),
                Map.entry(".progy/course/content/01_basics/01_hello/exercise.py", "# TODO\n"),
                Map.entry(".progy/progress.json", "{}"),
                Map.entry("course.json", "{\"id\":\"demo\"}"),
                Map.entry("content/01_basics/01_hello/exercise.py", "print('hello')\n"),
                Map.entry("content/01_basics/01_hello/README.md", "# Hello\n"),
                Map.entry("notes.md", "what I learnt\n"),
                Map.entry(".env", "API_KEY=sk-live-123\n"),
                Map.entry(".env.example", "API_KEY=\n"),
                Map.entry("content/01_basics/.env.local", "TOKEN=abc\n"),
                Map.entry("keys/server.pem", "-----BEGIN PRIVATE KEY-----\n"),
                Map.entry("id_rsa", "-----BEGIN OPENSSH PRIVATE KEY-----\n"),
                Map.entry("id_ed25519.pub", "ssh-ed25519 AAAA\n"),
                Map.entry(".aws/credentials", "[default]\naws_secret_access_key=x\n"),
                Map.entry("credentials.json", "{\"secret\":1}\n"),
                Map.entry("node_modules/left-pad/index.js", "module.exports = 1\n"),
                Map.entry("content/01_basics/01_hello/__pycache__/exercise.cpython-311.pyc", "\0\0"),
                // a student's .gitignore that would bring a secret back in, and leaves out a file of their own
                Map.entry(".gitignore", "!.env\nscratch.txt\n"),
                Map.entry("scratch.txt", "not for the backup\n")));
        return root;
    }

    static void files(Path root, Map<String, String> files) {
        try {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path p = root.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An empty bare repository, as `git init --bare` makes it. */
    static Path bareRepository(Path dir) throws Exception {
        Git.init().setBare(true).setDirectory(dir.toFile()).call().close();
        return dir;
    }

    static Repository open(Path gitDir) throws IOException {
        return new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
    }

    /** Every file path in the tree of the tip of {@code branch}. */
    static List<String> filesAt(Path gitDir, String branch) throws IOException {
        try (Repository repo = open(gitDir); RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
            ObjectId tip = repo.resolve("refs/heads/" + branch);
            if (tip == null) {
                throw new AssertionError(gitDir + " has no branch " + branch);
            }
            tree.addTree(walk.parseCommit(tip).getTree());
            tree.setRecursive(true);
            List<String> paths = new ArrayList<>();
            while (tree.next()) {
                paths.add(tree.getPathString());
            }
            return paths;
        }
    }

    /** The messages of {@code branch}'s commits, newest first; empty when there is no such branch. */
    static List<String> log(Path gitDir, String branch) throws IOException {
        try (Repository repo = open(gitDir); RevWalk walk = new RevWalk(repo)) {
            ObjectId tip = repo.resolve("refs/heads/" + branch);
            List<String> messages = new ArrayList<>();
            if (tip == null) {
                return messages;
            }
            walk.markStart(walk.parseCommit(tip));
            for (RevCommit c : walk) {
                messages.add(c.getShortMessage());
            }
            return messages;
        }
    }

    /** Branch names (without refs/heads/) in a repository. */
    static List<String> branches(Path gitDir) throws IOException {
        try (Repository repo = open(gitDir)) {
            return repo.getRefDatabase().getRefsByPrefix("refs/heads/").stream()
                    .map(r -> r.getName().substring("refs/heads/".length())).sorted().toList();
        }
    }
}
