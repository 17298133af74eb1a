package dev.progy.guard;

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

    /** Every rule, in id order. */
    public static List<GuardRule> all() {
        return List.of(COMPOSE_ESCAPE, UNPINNED_BASE, ADD_URL, ROOT_USER, SECRET_IN_IMAGE, PIPE_TO_SHELL,
                UNPINNED_PACKAGES, NETWORK_ACCESS, INVALID_COURSE);
    }
}
