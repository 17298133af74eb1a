package dev.progy.internal.archive;

import dev.progy.model.ArchiveLimits;
import dev.progy.error.ProgyException;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * An archive opened for reading under a set of limits. Its directory is checked on opening; each entry is
 * inflated on demand, counting the bytes actually produced against the per-entry, total and ratio limits as
 * they come, so a bomb is stopped after at most one buffer past the limit whatever its headers claim.
 */
final class ZipArchive implements Closeable {

    private static final int BUFFER = 64 * 1024;

    private final FileChannel channel;
    private final String label;
    private final ArchiveLimits limits;
    private final List<ZipRecord> records;
    private final byte[] input = new byte[BUFFER];
    private final byte[] output = new byte[BUFFER];
    private long inflatedSoFar;

    private ZipArchive(FileChannel channel, String label, ArchiveLimits limits) throws IOException {
        this.channel = channel;
        this.label = label;
        this.limits = limits;
        this.records = CentralDirectory.read(channel, label, limits);
    }

    /** Opens and checks {@code file}; a missing file is a {@link ProgyException}, a hostile one a refusal. */
    static ZipArchive open(Path file, ArchiveLimits limits) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ProgyException("there is no archive at " + file, "give the path of a .progy file");
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new ZipArchive(channel, String.valueOf(file.getFileName()), limits);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The checked entries, in the archive's order. */
    List<ZipRecord> records() {
        return records;
    }

    /** The archive's file name, as refusals show it. */
    String label() {
        return label;
    }

    /** Inflates {@code record} into {@code sink}, refusing it the moment it breaks a limit or its checksum. */
    void copy(ZipRecord record, OutputStream sink) throws IOException {
        CRC32 crc = new CRC32();
        long produced = record.method() == DeterministicZipWriter.STORED
                ? copyStored(record, sink, crc) : inflate(record, sink, crc);
        if (produced != record.size()) {
            throw Refusal.entry(label, record.name(), "inflates to " + produced + " bytes but its header says "
                    + record.size() + " (a forged or damaged archive)");
        }
        if (crc.getValue() != record.crc()) {
            throw Refusal.entry(label, record.name(), "fails its checksum (the archive is damaged)");
        }
    }

    private long copyStored(ZipRecord record, OutputStream sink, CRC32 crc) throws IOException {
        long position = record.dataOffset();
        long remaining = record.compressedSize();
        long produced = 0;
        while (remaining > 0) {
            int n = readAt(position, (int) Math.min(BUFFER, remaining), record);
            position += n;
            remaining -= n;
            produced = count(record, produced, n);
            crc.update(input, 0, n);
            sink.write(input, 0, n);
        }
        return produced;
    }

    private long inflate(ZipRecord record, OutputStream sink, CRC32 crc) throws IOException {
        Inflater inflater = new Inflater(true);
        try {
            long position = record.dataOffset();
            long remaining = record.compressedSize();
            long produced = 0;
            boolean paddedEnd = false;
            while (!inflater.finished()) {
                if (inflater.needsInput()) {
                    if (remaining > 0) {
                        int n = readAt(position, (int) Math.min(BUFFER, remaining), record);
                        position += n;
                        remaining -= n;
                        inflater.setInput(input, 0, n);
                    } else if (!paddedEnd) {
                        // raw inflate may want one byte past the data to notice the end (see Inflater(boolean))
                        paddedEnd = true;
                        inflater.setInput(new byte[1], 0, 1);
                    } else {
                        throw Refusal.entry(label, record.name(), "ends before its compressed data does (the archive is truncated or damaged)");
                    }
                }
                int n;
                try {
                    n = inflater.inflate(output);
                } catch (DataFormatException e) {
                    throw Refusal.entry(label, record.name(), "holds damaged compressed data (" + e.getMessage() + ")");
                }
                if (n == 0 && inflater.needsDictionary()) {
                    throw Refusal.entry(label, record.name(), "needs a preset dictionary, which zip entries never use");
                }
                if (n == 0 && !inflater.needsInput() && !inflater.finished()) {
                    throw Refusal.entry(label, record.name(), "holds compressed data that makes no progress (the archive is damaged)");
                }
                produced = count(record, produced, n);
                crc.update(output, 0, n);
                sink.write(output, 0, n);
            }
            if (remaining > 0 || inflater.getRemaining() > (paddedEnd ? 1 : 0)) {
                throw Refusal.entry(label, record.name(), "has bytes after its compressed data (a forged or damaged archive)");
            }
            return produced;
        } finally {
            inflater.end();
        }
    }

    /** Adds {@code n} freshly produced bytes of {@code record} and checks every limit against the real counts. */
    private long count(ZipRecord record, long producedBefore, int n) {
        long produced = producedBefore + n;
        inflatedSoFar += n;
        if (produced > limits.maxEntryBytes()) {
            throw Refusal.entry(label, record.name(), "inflates past the per-entry limit of " + limits.maxEntryBytes() + " bytes");
        }
        if (inflatedSoFar > limits.maxTotalBytes()) {
            throw Refusal.entry(label, record.name(), "takes the archive past its total limit of " + limits.maxTotalBytes()
                    + " inflated bytes");
        }
        if (produced > ArchiveLimits.RATIO_FLOOR_BYTES
                && produced > (long) limits.maxCompressionRatio() * Math.max(1, record.compressedSize())) {
            throw Refusal.entry(label, record.name(), "expands more than " + limits.maxCompressionRatio()
                    + " times its compressed size (a zip bomb)");
        }
        return produced;
    }

    private int readAt(long position, int length, ZipRecord record) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(input, 0, length);
        while (b.hasRemaining()) {
            if (channel.read(b, position + b.position()) < 0) {
                throw Refusal.entry(label, record.name(), "is cut short (the archive is truncated)");
            }
        }
        return length;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
