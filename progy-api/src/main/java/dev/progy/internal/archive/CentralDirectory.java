package dev.progy.internal.archive;

import dev.progy.model.ArchiveLimits;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Reads and checks the table of contents of a zip (its central directory), before a single byte is inflated.
 * This is parsed here rather than through {@link java.util.zip.ZipFile} because only the central directory
 * says whether an entry is a link (the Unix mode in its external attributes) and the JDK does not expose it.
 * The central directory is the only authority: every local header must agree with it, entries may not
 * overlap (a trick of zip bombs), and ZIP64, encryption, multi-disk and exotic compression are refused.
 */
final class CentralDirectory {

    private static final int END_RECORD_SIZE = 22;
    private static final int MAX_COMMENT = 0xFFFF;
    /** Far more than 10 000 entries with long names need; keeps a forged directory from filling the heap. */
    private static final long MAX_DIRECTORY_BYTES = 64L << 20;
    private static final int UNIX_HOST = 3;
    private static final int FILE_TYPE_MASK = 0170000;
    private static final int LINK_TYPE = 0120000;
    private static final int FOLDER_TYPE = 0040000;
    private static final int REGULAR_TYPE = 0100000;
    /** The MS-DOS attribute Windows zippers set on links and junctions. */
    private static final int REPARSE_POINT = 0x400;

    private CentralDirectory() { }

    /** The entries of the archive in {@code channel}, in directory order; throws a refusal naming the first problem. */
    static List<ZipRecord> read(FileChannel channel, String archive, ArchiveLimits limits) throws IOException {
        long fileSize = channel.size();
        ByteBuffer end = findEndRecord(channel, fileSize, archive);
        long endOffset = fileSize - end.capacity();
        int disk = u16(end, 4);
        int directoryDisk = u16(end, 6);
        int entriesOnDisk = u16(end, 8);
        int entries = u16(end, 10);
        long directorySize = u32(end, 12);
        long directoryOffset = u32(end, 16);
        if (entries == 0xFFFF || directorySize == 0xFFFFFFFFL || directoryOffset == 0xFFFFFFFFL) {
            throw Refusal.archive(archive, "uses ZIP64, which a .progy archive never needs");
        }
        if (disk != 0 || directoryDisk != 0 || entriesOnDisk != entries) {
            throw Refusal.archive(archive, "spans several disks");
        }
        if (entries > limits.maxEntries()) {
            throw Refusal.archive(archive, "has " + entries + " entries, more than the limit of " + limits.maxEntries());
        }
        if (directorySize > MAX_DIRECTORY_BYTES) {
            throw Refusal.archive(archive, "has a directory of " + directorySize + " bytes, more than the limit of " + MAX_DIRECTORY_BYTES);
        }
        if (directoryOffset + directorySize != endOffset) {
            throw Refusal.archive(archive, "has a damaged directory (its size and place do not add up)");
        }
        ByteBuffer directory = readAt(channel, directoryOffset, (int) directorySize, archive);
        List<ZipRecord> records = new ArrayList<>(entries);
        List<long[]> spans = new ArrayList<>(entries);
        EntryNames seen = new EntryNames();
        int pos = 0;
        for (int i = 0; i < entries; i++) {
            if (pos + 46 > directory.capacity() || directory.getInt(pos) != DeterministicZipWriter.CENTRAL_HEADER) {
                throw Refusal.archive(archive, "has a damaged directory (entry " + (i + 1) + " is not where it should be)");
            }
            int madeBy = u16(directory, pos + 4);
            int flags = u16(directory, pos + 8);
            int method = u16(directory, pos + 10);
            long crc = u32(directory, pos + 16);
            long compressedSize = u32(directory, pos + 20);
            long size = u32(directory, pos + 24);
            int nameLength = u16(directory, pos + 28);
            int extraLength = u16(directory, pos + 30);
            int commentLength = u16(directory, pos + 32);
            long attributes = u32(directory, pos + 38);
            long localOffset = u32(directory, pos + 42);
            int next = pos + 46 + nameLength + extraLength + commentLength;
            if (next > directory.capacity()) {
                throw Refusal.archive(archive, "has a damaged directory (entry " + (i + 1) + " runs past its end)");
            }
            byte[] nameBytes = Arrays.copyOfRange(directory.array(), pos + 46, pos + 46 + nameLength);
            String name = decode(nameBytes, archive);
            pos = next;

            String problem = EntryNames.problem(name).orElse(null);
            if (problem != null) {
                throw Refusal.entry(archive, name, problem);
            }
            int mode = (madeBy >>> 8) == UNIX_HOST ? (int) (attributes >>> 16) : 0;
            int type = mode & FILE_TYPE_MASK;
            if (type == LINK_TYPE || (attributes & REPARSE_POINT) != 0) {
                throw Refusal.entry(archive, name, "is a symbolic link; links are refused because they can point anywhere");
            }
            if (type != 0 && type != REGULAR_TYPE && type != FOLDER_TYPE) {
                throw Refusal.entry(archive, name, "is a device, pipe or socket, not a file");
            }
            if (type == FOLDER_TYPE && !name.endsWith("/")) {
                name = name + "/";
            }
            String duplicate = seen.add(name).orElse(null);
            if (duplicate != null) {
                throw Refusal.entry(archive, name, duplicate);
            }
            if (compressedSize == 0xFFFFFFFFL || size == 0xFFFFFFFFL || localOffset == 0xFFFFFFFFL) {
                throw Refusal.entry(archive, name, "uses ZIP64 sizes, which a .progy archive never needs");
            }
            if ((flags & 1) != 0) {
                throw Refusal.entry(archive, name, "is encrypted");
            }
            if (method != DeterministicZipWriter.STORED && method != DeterministicZipWriter.DEFLATED) {
                throw Refusal.entry(archive, name, "uses compression method " + method + "; only stored and deflated entries are accepted");
            }
            if (size > limits.maxEntryBytes()) {
                throw Refusal.entry(archive, name, "claims " + size + " bytes, more than the per-entry limit of " + limits.maxEntryBytes());
            }
            if (name.endsWith("/") && size != 0) {
                throw Refusal.entry(archive, name, "is a folder with content");
            }
            long dataOffset = checkLocalHeader(channel, localOffset, nameBytes, method, archive, name);
            long dataEnd = dataOffset + compressedSize;
            if (dataEnd > directoryOffset) {
                throw Refusal.entry(archive, name, "has data that runs into the directory (the archive is damaged or truncated)");
            }
            spans.add(new long[] {localOffset, dataEnd, i});
            records.add(new ZipRecord(name, (mode & 0100) != 0 && type != FOLDER_TYPE, method, crc, compressedSize, size, dataOffset));
        }
        if (pos != directory.capacity()) {
            throw Refusal.archive(archive, "has a damaged directory (it holds more than its entries)");
        }
        refuseOverlaps(spans, records, archive);
        return records;
    }

    private static ByteBuffer findEndRecord(FileChannel channel, long fileSize, String archive) throws IOException {
        int tail = (int) Math.min(fileSize, END_RECORD_SIZE + MAX_COMMENT);
        if (tail >= END_RECORD_SIZE) {
            ByteBuffer b = readAt(channel, fileSize - tail, tail, archive);
            for (int at = tail - END_RECORD_SIZE; at >= 0; at--) {
                // the record ends the file exactly: its comment length must reach the last byte
                if (b.getInt(at) == DeterministicZipWriter.END_OF_DIRECTORY && at + END_RECORD_SIZE + u16(b, at + 20) == tail) {
                    return readAt(channel, fileSize - tail + at, tail - at, archive);
                }
            }
        }
        throw Refusal.archive(archive, "is not a zip archive, or it is truncated (no end-of-directory record)");
    }

    /** Checks the local header agrees with the directory; returns where the entry's data starts. */
    private static long checkLocalHeader(FileChannel channel, long offset, byte[] name, int method, String archive,
                                         String shownName) throws IOException {
        if (offset + 30 > channel.size()) {
            throw Refusal.entry(archive, shownName, "points past the end of the archive (it is truncated)");
        }
        ByteBuffer header = readAt(channel, offset, 30, archive);
        int nameLength = u16(header, 26);
        int extraLength = u16(header, 28);
        if (header.getInt(0) != DeterministicZipWriter.LOCAL_HEADER
                || (u16(header, 6) & 1) != 0 || u16(header, 8) != method || nameLength != name.length
                || offset + 30 + nameLength + extraLength > channel.size()
                || !Arrays.equals(readAt(channel, offset + 30, nameLength, archive).array(), name)) {
            throw Refusal.entry(archive, shownName, "has a local header that disagrees with the directory (a forged or damaged archive)");
        }
        return offset + 30 + nameLength + extraLength;
    }

    private static void refuseOverlaps(List<long[]> spans, List<ZipRecord> records, String archive) {
        spans.sort(Comparator.comparingLong(s -> s[0]));
        for (int i = 1; i < spans.size(); i++) {
            long[] before = spans.get(i - 1);
            long[] after = spans.get(i);
            if (after[0] < before[1]) {
                throw Refusal.entry(archive, records.get((int) after[2]).name(), "overlaps entry '"
                        + records.get((int) before[2]).name() + "' in the file (a zip bomb trick)");
            }
        }
    }

    private static String decode(byte[] name, String archive) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(name)).toString();
        } catch (CharacterCodingException e) {
            throw Refusal.archive(archive, "has an entry whose name is not valid UTF-8");
        }
    }

    private static ByteBuffer readAt(FileChannel channel, long position, int length, String archive) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (channel.read(b, position + b.position()) < 0) {
                throw Refusal.archive(archive, "is truncated");
            }
        }
        return b.flip();
    }

    private static int u16(ByteBuffer b, int at) {
        return Short.toUnsignedInt(b.getShort(at));
    }

    private static long u32(ByteBuffer b, int at) {
        return Integer.toUnsignedLong(b.getInt(at));
    }
}
