package dev.progy.guard;

/**
 * How much a course may hold before the Guard fails it (rule PG-S002).
 *
 * @param maxFiles     files in the course
 * @param maxFileBytes bytes in one file
 * @param maxTotal     bytes in all files together, unpacked
 * @param maxArchive   bytes of a {@code .progy} archive
 */
public record GuardLimits(int maxFiles, long maxFileBytes, long maxTotal, long maxArchive) {

    /**
     * crates.io-class defaults: a 10 MiB archive, 512 MiB unpacked, 10 MiB per file, 10 000 files (a large course
     * has a few hundred files and packs to well under 1 MiB).
     */
    public static final GuardLimits DEFAULT = new GuardLimits(10_000, 10L << 20, 512L << 20, 10L << 20);

    /** Refuses limits that would pass or fail every course by accident. */
    public GuardLimits {
        if (maxFiles < 1 || maxFileBytes < 1 || maxTotal < 1 || maxArchive < 1) {
            throw new IllegalArgumentException("course limits must all be positive: " + maxFiles + ", " + maxFileBytes
                    + ", " + maxTotal + ", " + maxArchive);
        }
    }

    /** These limits with another archive size (what a registry configures). */
    public GuardLimits withMaxArchive(long bytes) {
        return new GuardLimits(maxFiles, maxFileBytes, maxTotal, bytes);
    }
}
