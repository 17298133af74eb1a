package dev.progy.spi.support;

/** Byte counts as people read them in messages: {@code 1 MiB}, {@code 500 KiB}, {@code 12 bytes}. */
public final class ByteSize {

    private ByteSize() { }

    public static String format(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1 << 20) {
            return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
        }
        if (bytes >= 1 << 10) {
            return ((bytes + 1023) >> 10) + " KiB";
        }
        return bytes == 1 ? "1 byte" : bytes + " bytes";
    }
}
