package dev.progy.guard.rule;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Every rule of the Guard, with its id, severity and rationale; ids are stable across versions. */
public final class GuardRules {

    private GuardRules() { }

    /** The course does not load or validate. */
    public static final GuardRule INVALID_COURSE = new GuardRule("PG-S001", Severity.ERROR,
            "the course does not load or validate",
            "A course that does not load cannot be installed, and its problems are cheaper to fix before students meet them.");
    /** A runner asks for network access. */
    public static final GuardRule NETWORK_ACCESS = new GuardRule("PG-N001", Severity.WARNING,
            "a runner asks for network access",
            "With network access, course code can reach the internet and the student's local network; the registry shows it to students, who are asked before it is granted.");
    /** An exercise's starter already passes. */
    public static final GuardRule STARTER_PASSES = new GuardRule("PG-V001", Severity.ERROR,
            "an exercise's starter already passes",
            "A student who runs an untouched exercise and sees it pass learns nothing; usually the tests check too little.");
    /** An exercise's solution does not pass. */
    public static final GuardRule SOLUTION_FAILS = new GuardRule("PG-V002", Severity.ERROR,
            "an exercise's solution does not pass its tests",
            "If the author's own solution fails, students cannot pass either: the tests, the runner or the solution is wrong.");
    /** An exercise ships no solution. */
    public static final GuardRule NO_SOLUTION = new GuardRule("PG-V003", Severity.WARNING,
            "an exercise ships no solution",
            "Without a solution nobody can show that the exercise can be passed; rustlings and cargo package verify the same way.");
    /** Starters and solutions could not be run. */
    public static final GuardRule NOT_RUN = new GuardRule("PG-V004", Severity.WARNING,
            "starters and solutions were not run",
            "A run was asked for but could not happen (no runner for the course here, or the static checks found errors, and an unsafe course is never run).");
    /** Advice from an AI review. */
    public static final GuardRule AI_ADVICE = new GuardRule("PG-A001", Severity.INFO,
            "advice from an AI review of the instructions and hints",
            "A language model reads the Markdown and hints for clarity; its advice is a note, never a verdict: the deterministic checks decide.");
    /** Base image without a tag or on latest. */
    public static final GuardRule UNPINNED_BASE = new GuardRule("PG-D001", Severity.WARNING,
            "base image without a tag or on :latest",
            "An image that moves under the course changes what students run without anyone reviewing it (hadolint DL3006/DL3007).");
    /** ADD of a URL. */
    public static final GuardRule ADD_URL = new GuardRule("PG-D002", Severity.ERROR,
            "ADD downloads a URL into the image",
            "What the URL serves can change after the review, and nothing checks it; download with a pinned checksum in RUN, or COPY from the course (hadolint DL3020).");
    /** Final user root or no USER. */
    public static final GuardRule ROOT_USER = new GuardRule("PG-D003", Severity.WARNING,
            "the image's final user is root",
            "Progy runs exercises as the student's user anyway, but an image meant to run as root hides mistakes that would bite on other engines (hadolint DL3002).");
    /** Secrets in ENV/ARG. */
    public static final GuardRule SECRET_IN_IMAGE = new GuardRule("PG-D004", Severity.ERROR,
            "a secret is written into the image (ENV or ARG)",
            "Everything in ENV and ARG ends up in the image's history, readable by every student who installs the course.");
    /** Download piped into a shell in RUN. */
    public static final GuardRule PIPE_TO_SHELL = new GuardRule("PG-D005", Severity.ERROR,
            "a download is piped into a shell",
            "curl … | sh runs whatever the server sends at build time, unreviewed and unverifiable.");
    /** Packages installed without versions. */
    public static final GuardRule UNPINNED_PACKAGES = new GuardRule("PG-D006", Severity.INFO,
            "packages installed without versions",
            "Unpinned packages make builds differ over time; pinning is often impractical for courses, so this is a note only (hadolint DL3008).");
    /** A compose file escapes the sandbox. */
    public static final GuardRule COMPOSE_ESCAPE = new GuardRule("PG-C001", Severity.ERROR,
            "the compose file escapes the sandbox",
            "privileged, host namespaces, added capabilities, devices and host paths outside the course give course code the machine; Progy refuses to run them.");

    /** Recursive deletes aimed at /, ~, .. or an unchecked variable. */
    public static final GuardRule DESTRUCTIVE_DELETE = new GuardRule("PG-B001", Severity.ERROR,
            "recursive delete of /, ~, .. or an unchecked variable",
            "rm -rf \"$DIR\"/ with an empty DIR deletes the student's files; course code never needs to delete outside its own folders.");
    /** Reads of keys, credentials, browser profiles. */
    public static final GuardRule SECRET_READ = new GuardRule("PG-B002", Severity.ERROR,
            "reads keys, credentials or browser profiles",
            "~/.ssh, ~/.aws, /etc/shadow and browser profiles hold the student's identity; no exercise needs them.");
    /** Environment sent over the network. */
    public static final GuardRule ENV_EXFILTRATION = new GuardRule("PG-B003", Severity.ERROR,
            "sends the environment over the network",
            "Environment variables carry tokens and keys; dumping them to a server is how secrets are stolen.");
    /** Reverse shells. */
    public static final GuardRule REVERSE_SHELL = new GuardRule("PG-B004", Severity.ERROR,
            "opens a reverse shell",
            "/dev/tcp, nc -e, socat exec: and socket+dup2 hand the student's machine to someone else.");
    /** Encoded payloads decoded and run. */
    public static final GuardRule DECODE_AND_RUN = new GuardRule("PG-B005", Severity.ERROR,
            "decodes a hidden payload and runs it",
            "Code hidden in base64, hex or compressed blobs is code no reviewer read; the Guard also checks what it decodes to.");
    /** Crypto-miner signatures. */
    public static final GuardRule CRYPTO_MINER = new GuardRule("PG-B006", Severity.ERROR,
            "runs a cryptocurrency miner",
            "Miners (xmrig, stratum+tcp://) burn the student's CPU and power for someone else.");
    /** Writes to shell start-up files, cron, services. */
    public static final GuardRule PERSISTENCE = new GuardRule("PG-B007", Severity.ERROR,
            "changes shell start-up files, cron or services",
            "Writing ~/.bashrc, crontab or systemd units makes code run again long after the exercise.");
    /** setuid/setgid bits. */
    public static final GuardRule SETUID = new GuardRule("PG-B008", Severity.ERROR,
            "sets the setuid or setgid bit",
            "A setuid binary is a privilege escalation waiting to happen; Progy's sandbox ignores it, other engines may not.");

    /** Too many or too big files, or too big an archive. */
    public static final GuardRule TOO_BIG = new GuardRule("PG-S002", Severity.ERROR,
            "too many or too big files",
            "Students download and unpack every course; crates.io-class limits (10 MiB archive, 512 MiB unpacked) keep installs fast and the registry healthy.");
    /** Compiled programs where source is expected. */
    public static final GuardRule BINARY = new GuardRule("PG-S003", Severity.ERROR,
            "a compiled program or binary data where source is expected",
            "Nobody can review a binary before students run it; a course ships sources and builds them.");

    /** Relative links and images that lead nowhere. */
    public static final GuardRule BROKEN_LINK = new GuardRule("PG-M001", Severity.ERROR,
            "a relative link or image leads to no file of the course",
            "Students meet a broken link or a missing picture in the middle of an exercise's instructions.");
    /** Links to headings that do not exist. */
    public static final GuardRule MISSING_ANCHOR = new GuardRule("PG-M002", Severity.WARNING,
            "a link names a heading that does not exist",
            "The link still opens the page, at its top; the reader has to find the place by hand.");
    /** Images over the size limit. */
    public static final GuardRule BIG_IMAGE = new GuardRule("PG-M003", Severity.WARNING,
            "an image is bigger than 2 MiB",
            "Every student downloads every image; big screenshots and photos make installs and pages slow.");
    /** External links whose page is gone or whose host does not exist (checked with --check-external). */
    public static final GuardRule EXTERNAL_LINK_BROKEN = new GuardRule("PG-M004", Severity.ERROR,
            "external link broken",
            "A 404, a 410 or a host DNS does not know means the page is gone for every student; links rot, so they are checked again at each publish.");
    /** External links that gave no useful answer now (checked with --check-external). */
    public static final GuardRule EXTERNAL_LINK_UNREACHABLE = new GuardRule("PG-M005", Severity.WARNING,
            "external link unreachable right now",
            "A timeout, a refused connection, a 429 or a 5xx may be the server's bad moment rather than a dead page; worth a look, not a reason to refuse the course.");

    /** Base image past its end of life. */
    public static final GuardRule END_OF_LIFE_BASE = new GuardRule("PG-D007", Severity.WARNING,
            "base image past its end of life",
            "An image whose upstream stopped shipping security fixes carries known vulnerabilities into every student's engine (the list ships with progy-guard, eol-images.tsv).");
    /** Base image tag with a known, published vulnerability. */
    public static final GuardRule KNOWN_VULNERABLE_BASE = new GuardRule("PG-D008", Severity.ERROR,
            "base image tag with a known vulnerability",
            "Unlike an image that is merely old, these tags carry a published hole (an empty root password, remote code execution) that a newer tag of the same image fixes; students cannot judge that for themselves (the list ships with progy-guard, vulnerable-images.tsv).");

    /** Every rule, grouped by area (ordered by id: A… AI, B… behaviour, C… compose, D… Dockerfile, …). */
    public static List<GuardRule> all() {
        return ALL;
    }

    private static final List<GuardRule> ALL = collect();

    /** Every {@code GuardRule} constant of this class, so a new rule cannot be left out of the list. */
    private static List<GuardRule> collect() {
        List<GuardRule> rules = new ArrayList<>();
        for (Field f : GuardRules.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == GuardRule.class) {
                try {
                    rules.add((GuardRule) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("a public constant is readable", e);
                }
            }
        }
        rules.sort(Comparator.comparing(GuardRule::id));
        return List.copyOf(rules);
    }
}
