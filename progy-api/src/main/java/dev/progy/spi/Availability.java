package dev.progy.spi;

/**
 * Whether a provider can be used here, and if not, why and how to fix it.
 *
 * @param usable    true when {@code create} is expected to succeed
 * @param reason    why not (empty when available)
 * @param fixHint   what the user can do about it (may be empty)
 */
public record Availability(boolean usable, String reason, String fixHint) {

    private static final Availability YES = new Availability(true, "", "");

    /** Usable. */
    public static Availability yes() {
        return YES;
    }

    /** Not usable, with the reason and what to do. */
    public static Availability no(String reason, String fixHint) {
        return new Availability(false, reason, fixHint);
    }
}
