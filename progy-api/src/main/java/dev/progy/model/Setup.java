package dev.progy.model;

import java.util.List;
import java.util.Optional;

/**
 * Environment checks a course asks for, and its setup guide.
 *
 * @param checks commands that must exit 0
 * @param guide  Markdown file with setup help, relative to the course root
 */
public record Setup(List<Check> checks, Optional<String> guide) {

    /** No checks, no guide. */
    public static final Setup NONE = new Setup(List.of(), Optional.empty());

    public Setup {
        checks = List.copyOf(checks);
    }

    /** One environment check: pass means the command exits 0. */
    public record Check(String name, String command) { }
}
