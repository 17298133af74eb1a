package dev.progy.sync.hub;

/**
 * What one account may keep on the hub, so that one account's data never grows without bound at the others'
 * cost: a push that would pass it is refused whole (413 {@code quota_exceeded}).
 *
 * @param rows  records
 * @param bytes characters of the records' stored texts
 */
public record Quota(long rows, long bytes) {

    /** 100 000 records, 64 Mi characters: many courses' worth for one student. */
    public static final Quota DEFAULT = new Quota(100_000, 64L * 1024 * 1024);
}
