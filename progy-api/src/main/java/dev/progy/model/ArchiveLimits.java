package dev.progy.model;

/**
 * How much a {@code .progy} archive may hold before {@link dev.progy.CourseArchive#unpack} refuses it. Every limit is
 * checked against the bytes actually inflated, never against the sizes the archive claims in its headers.
 *
 * @param maxEntries          most entries (files and folders) in one archive
 * @param maxTotalBytes       most bytes of all entries together, once inflated
 * @param maxEntryBytes       most bytes of one entry, once inflated
 * @param maxCompressionRatio most inflated bytes per compressed byte of one entry; checked only once an entry
 *                            has inflated past {@link #RATIO_FLOOR_BYTES}, because small files of repeated text
 *                            compress far better than this and can do no harm
 */
public record ArchiveLimits(int maxEntries, long maxTotalBytes, long maxEntryBytes, int maxCompressionRatio) {

    /** An entry is judged by its compression ratio only after it has inflated past this many bytes (1 MiB). */
    public static final long RATIO_FLOOR_BYTES = 1L << 20;

    /**
     * The limits used when none are given: 10 000 entries (a large course has a few hundred files),
     * 512 MiB in total (what crates.io allows unpacked), 100 MiB per entry (room for a data set or a video
     * in {@code assets/}) and a ratio of 100 (source text and JSON compress 3–10×; only runs of one byte come
     * near 100×, and deflate tops out near 1 000×, which is what zip bombs use).
     */
    public static final ArchiveLimits DEFAULT = new ArchiveLimits(10_000, 512L << 20, 100L << 20, 100);

    /** Refuses limits that would make every archive, or no archive, acceptable by accident. */
    public ArchiveLimits {
        if (maxEntries < 1 || maxTotalBytes < 1 || maxEntryBytes < 1 || maxCompressionRatio < 1) {
            throw new IllegalArgumentException("archive limits must all be positive: " + maxEntries + ", "
                    + maxTotalBytes + ", " + maxEntryBytes + ", " + maxCompressionRatio);
        }
    }
}
