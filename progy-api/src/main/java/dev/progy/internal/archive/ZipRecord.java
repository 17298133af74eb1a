package dev.progy.internal.archive;

/**
 * One entry of an archive as its central directory describes it, after the structural checks.
 *
 * @param name           relative name with {@code /} separators; folders end with {@code /}
 * @param executable     the archive gives the owner execute permission (Unix mode 0100)
 * @param method         {@link DeterministicZipWriter#STORED} or {@link DeterministicZipWriter#DEFLATED}
 * @param crc            CRC-32 the inflated bytes must have
 * @param compressedSize bytes of data in the archive file
 * @param size           bytes the entry claims once inflated (checked while inflating, never trusted)
 * @param dataOffset     where the entry's data starts in the archive file
 */
record ZipRecord(String name, boolean executable, int method, long crc, long compressedSize, long size,
                 long dataOffset) {

    boolean folder() {
        return name.endsWith("/");
    }
}
