package dev.progy.sync.backup;

import org.eclipse.jgit.ignore.FastIgnoreRule;

import java.util.List;

/**
 * What the backup leaves out. Two lists, both in {@code .gitignore} syntax:
 * <ul>
 *   <li>{@link #NEVER}: Progy's own state (the pristine course, progress, this repository) and secrets. These are
 *       written to the repository's {@code info/exclude} <em>and</em> dropped from every commit afterwards, so a
 *       student's {@code .gitignore} that re-includes one ({@code !.env}) cannot put it in a backup;</li>
 *   <li>{@link #NOISE}: build output, dependencies and editor litter. Written to {@code info/exclude} only: a
 *       student's {@code .gitignore} may bring one back.</li>
 * </ul>
 * Whatever the student's own {@code .gitignore} files (and their global git excludes) leave out stays out too.
 */
final class BackupRules {

    /** Never committed, whatever the ignore files say. */
    static final List<String> NEVER = List.of(
            "/.progy/", ".git",
            // environment files, but not the templates that hold no secret
            ".env", ".env.*", "*.env",
            // keys and certificates
            "*.pem", "*.key", "*.p12", "*.pfx", "*.jks", "*.keystore", "*.kdbx",
            "id_rsa*", "id_dsa*", "id_ecdsa*", "id_ed25519*", ".ssh/", ".gnupg/",
            // credential files of common tools
            "credentials", "credentials.*", "*.credentials", ".git-credentials", ".netrc", "_netrc",
            ".npmrc", ".pypirc", ".htpasswd", ".aws/", ".docker/config.json", "secrets.*");

    /** Templates of environment files: matched by {@code .env.*} above, yet safe and useful to keep. */
    static final List<String> TEMPLATES = List.of(".env.example", ".env.sample", ".env.template", ".env.dist");

    /** Left out unless the student's {@code .gitignore} says otherwise. */
    static final List<String> NOISE = List.of(
            "node_modules/", "target/", "build/", "dist/", "out/", ".gradle/", "__pycache__/", "*.pyc",
            ".venv/", "venv/", ".pytest_cache/", ".mypy_cache/", "*.class", "*.o", "*.so", "*.dll", "*.exe",
            ".idea/", ".vscode/", ".DS_Store", "Thumbs.db", "*.swp", "*~");

    private static final List<FastIgnoreRule> NEVER_RULES = NEVER.stream().map(FastIgnoreRule::new).toList();
    private static final List<FastIgnoreRule> TEMPLATE_RULES = TEMPLATES.stream().map(FastIgnoreRule::new).toList();

    private BackupRules() { }

    /** The text of {@code info/exclude}. */
    static String excludeFile() {
        StringBuilder sb = new StringBuilder("# written by progy backup; your own .gitignore files apply as well\n");
        sb.append("# never backed up: Progy's state and secrets\n");
        NEVER.forEach(p -> sb.append(p).append('\n'));
        TEMPLATES.forEach(p -> sb.append('!').append(p).append('\n'));
        sb.append("# build output, dependencies, editor files\n");
        NOISE.forEach(p -> sb.append(p).append('\n'));
        return sb.toString();
    }

    /** Whether a file at {@code path} (relative, '/'-separated) may never be committed: it or a folder above it matches. */
    static boolean refuses(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (TEMPLATE_RULES.stream().anyMatch(r -> r.isMatch(name, false))) {
            return false;
        }
        if (matches(path, false)) {
            return true;
        }
        for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
            if (matches(path.substring(0, slash), true)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String path, boolean directory) {
        for (FastIgnoreRule r : NEVER_RULES) {
            if (r.isMatch(path, directory)) {
                return true;
            }
        }
        return false;
    }
}
