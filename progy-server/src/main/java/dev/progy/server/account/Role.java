package dev.progy.server.account;

import java.util.Locale;

/** What a person may do on the server beyond their own account. */
public enum Role {
    STUDENT, INSTRUCTOR, ADMIN;

    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role written {@code text} (student, instructor, admin), if it is one. */
    public static java.util.Optional<Role> parse(String text) {
        for (Role r : values()) {
            if (r.text().equals(text)) {
                return java.util.Optional.of(r);
            }
        }
        return java.util.Optional.empty();
    }

    static Role of(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
