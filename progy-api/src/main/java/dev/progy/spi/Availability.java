package dev.progy.spi;

import java.util.List;

/**
 * Whether a provider can be used here, and if not, why and how to fix it.
 *
 * @param usable    true when {@code create} is expected to succeed
 * @param reason    why not, in one short clause (empty when available)
 * @param fixHint   what the user can do about it (may be empty)
 * @param looked    every place looked for what the provider needs (a container engine's sockets, say), each as
 *                  "place: what was there"; shown one a line, so {@code reason} need not repeat them
 */
public record Availability(boolean usable, String reason, String fixHint, List<String> looked) {

    private static final Availability YES = new Availability(true, "", "", List.of());

    public Availability {
        looked = List.copyOf(looked);
    }

    /** Not usable, or usable, with no places to show. */
    public Availability(boolean usable, String reason, String fixHint) {
        this(usable, reason, fixHint, List.of());
    }

    /** Usable. */
    public static Availability yes() {
        return YES;
    }

    /** Not usable, with the reason and what to do. */
    public static Availability no(String reason, String fixHint) {
        return new Availability(false, reason, fixHint, List.of());
    }

    /** Not usable, with the reason, what to do and every place looked. */
    public static Availability no(String reason, String fixHint, List<String> looked) {
        return new Availability(false, reason, fixHint, looked);
    }
}
