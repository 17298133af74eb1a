package dev.progy.model;

/**
 * How exercises unlock.
 *
 * @param mode              sequential (an exercise unlocks when the one before it in its module passed) or open
 * @param strictModuleOrder a module unlocks only when the previous module is complete
 */
public record Progression(Mode mode, boolean strictModuleOrder) {

    /** Sequential progression, modules in any order: the original's default. */
    public static final Progression DEFAULT = new Progression(Mode.SEQUENTIAL, false);

    /** Progression mode. */
    public enum Mode { SEQUENTIAL, OPEN }
}
