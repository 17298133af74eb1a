package dev.progy.server.account;

import java.util.Locale;
import java.util.Optional;

/** Who may make an account on the web page: anyone, whoever has an administrator's invitation code, or no one. */
public enum SignUp {
    OPEN, INVITE_ONLY, CLOSED;

    /** As the setting writes it: open, invite-only, closed. */
    public String text() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<SignUp> parse(String text) {
        for (SignUp s : values()) {
            if (s.text().equals(text)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
