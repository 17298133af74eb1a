package dev.progy.server.account;

import java.util.Locale;

/** What a person may do on the server beyond their own account. */
public enum Role {
    STUDENT, INSTRUCTOR, ADMIN;

    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Role of(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
