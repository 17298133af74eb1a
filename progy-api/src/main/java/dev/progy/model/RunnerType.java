package dev.progy.model;

import java.util.Locale;
import java.util.Optional;

/** The kinds of runner a course can declare. */
public enum RunnerType {
    /** A program run on the student's machine. */
    PROCESS("process"),
    /** A container built from the course's Dockerfile ({@code docker-local} is an alias). */
    DOCKER_FILE("docker-file"),
    /** A service of the course's compose file. */
    DOCKER_COMPOSE("docker-compose");

    private final String jsonName;

    RunnerType(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name used in course.json. */
    public String jsonName() {
        return jsonName;
    }

    /** Parses a course.json type name, accepting the {@code docker-local} alias. */
    public static Optional<RunnerType> parse(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("docker-local")) {
            return Optional.of(DOCKER_FILE);
        }
        for (RunnerType t : values()) {
            if (t.jsonName.equals(n)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
