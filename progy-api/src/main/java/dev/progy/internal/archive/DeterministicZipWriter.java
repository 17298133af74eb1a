package dev.progy.internal.archive;

import dev.progy.model.ArchiveLimits;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes a zip whose bytes depend only on the names, contents and executable bits given: a fixed timestamp,
 * no extra fields, no comments, no data descriptors, Unix file modes normalized to 0644 / 0755.
 * {@link java.util.zip.ZipOutputStream} cannot do this: it cannot record file modes (a runner script would
 * lose its executable bit) and it writes data descriptors whose presence depends on how it was called.
 */
final class DeterministicZipWriter {

    /** 1980-02-01 00:00:00 in MS-DOS form: late enough that no tool reads it as "no date". */
    static final int DOS_DATE = (2 << 5) | 1;
    static final int DOS_TIME = 0;

    static final int STORED = 0;
    static final int DEFLATED = 8;
    static final int LOCAL_HEADER = 0x04034b50;
    static final int CENTRAL_HEADER = 0x02014b50;
    static final int END_OF_DIRECTORY = 0x06054b50;
    /** General purpose flag 11: names are UTF-8. */
    static final int UTF8_NAMES = 1 << 11;
    /** Version 2.0 (deflate), made on Unix (host 3) so readers honour the mode in the external attributes. */
    private static final int MADE_BY_UNIX = (3 << 8) | 20;
    private static final int NEEDED = 20;
    private static final int REGULAR_FILE = 0100000;

    private record Written(byte[] name, int method, long crc, long compressedSize, long size, int mode, long offset) { }

    private final FileChannel out;
    private final int maxCompressionRatio;
    private final List<Written> written = new ArrayList<>();
    private final byte[] buffer = new byte[64 * 1024];
    private final byte[] deflated = new byte[64 * 1024];

    /**
     * @param maxCompressionRatio an entry that deflates better than this is stored instead, so the archive
     *                            passes the unpacking limits however repetitive the file
     */
    DeterministicZipWriter(FileChannel out, int maxCompressionRatio) {
        this.out = out;
        this.maxCompressionRatio = maxCompressionRatio;
    }

    /** Adds {@code source} under {@code name}, deflated unless that gains nothing or compresses suspiciously well. */
    void addFile(String name, Path source, boolean executable) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        long offset = out.position();
        writeFully(localHeader(nameBytes, DEFLATED, 0, 0, 0));
        long dataStart = out.position();
        CRC32 crc = new CRC32();
        long size = deflate(source, crc);
        long compressedSize = out.position() - dataStart;
        int method = DEFLATED;
        boolean bombLike = size > ArchiveLimits.RATIO_FLOOR_BYTES
                && size > (long) maxCompressionRatio * compressedSize;
        if (compressedSize >= size || bombLike) {
            out.truncate(dataStart);
            out.position(dataStart);
            crc.reset();
            size = copy(source, crc);
            compressedSize = size;
            method = STORED;
        }
        if (size > 0xFFFFFFFFL || out.position() > 0xFFFFFFFFL) {
            throw new IOException(name + " makes the archive larger than 4 GiB, which .progy archives never need");
        }
        ByteBuffer patch = ByteBuffer.wrap(localHeader(nameBytes, method, crc.getValue(), compressedSize, size));
        out.write(patch, offset);
        written.add(new Written(nameBytes, method, crc.getValue(), compressedSize, size,
                REGULAR_FILE | (executable ? 0755 : 0644), offset));
    }

    /** Writes the central directory and its end record; the archive is complete afterwards. */
    void finish() throws IOException {
        long directoryStart = out.position();
        for (Written w : written) {
            ByteBuffer b = littleEndian(46 + w.name.length);
            b.putInt(CENTRAL_HEADER).putShort((short) MADE_BY_UNIX).putShort((short) NEEDED)
                    .putShort((short) UTF8_NAMES).putShort((short) w.method)
                    .putShort((short) DOS_TIME).putShort((short) DOS_DATE)
                    .putInt((int) w.crc).putInt((int) w.compressedSize).putInt((int) w.size)
                    .putShort((short) w.name.length).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putInt(w.mode << 16).putInt((int) w.offset)
                    .put(w.name);
            writeFully(b.array());
        }
        long directorySize = out.position() - directoryStart;
        ByteBuffer end = littleEndian(22);
        end.putInt(END_OF_DIRECTORY).putShort((short) 0).putShort((short) 0)
                .putShort((short) written.size()).putShort((short) written.size())
                .putInt((int) directorySize).putInt((int) directoryStart).putShort((short) 0);
        writeFully(end.array());
    }

    private long deflate(Path source, CRC32 crc) throws IOException {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        long size = 0;
        try (InputStream in = Files.newInputStream(source)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                crc.update(buffer, 0, n);
                size += n;
                deflater.setInput(buffer, 0, n);
                while (!deflater.needsInput()) {
                    writeFully(deflated, deflater.deflate(deflated));
                }
            }
            deflater.finish();
            while (!deflater.finished()) {
                writeFully(deflated, deflater.deflate(deflated));
            }
            return size;
        } finally {
            deflater.end();
        }
    }

    private long copy(Path source, CRC32 crc) throws IOException {
        long size = 0;
        try (InputStream in = Files.newInputStream(source)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                crc.update(buffer, 0, n);
                size += n;
                writeFully(buffer, n);
            }
        }
        return size;
    }

    private static byte[] localHeader(byte[] name, int method, long crc, long compressedSize, long size) {
        ByteBuffer b = littleEndian(30 + name.length);
        b.putInt(LOCAL_HEADER).putShort((short) NEEDED).putShort((short) UTF8_NAMES).putShort((short) method)
                .putShort((short) DOS_TIME).putShort((short) DOS_DATE)
                .putInt((int) crc).putInt((int) compressedSize).putInt((int) size)
                .putShort((short) name.length).putShort((short) 0).put(name);
        return b.array();
    }

    private static ByteBuffer littleEndian(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private void writeFully(byte[] bytes) throws IOException {
        writeFully(bytes, bytes.length);
    }

    private void writeFully(byte[] bytes, int length) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, length);
        while (b.hasRemaining()) {
            out.write(b);
        }
    }
}
