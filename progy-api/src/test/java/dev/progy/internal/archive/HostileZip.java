package dev.progy.internal.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds zips the way an attacker would: with {@link ZipOutputStream}, then, for what it refuses to write
 * (links, duplicates, lying sizes), by patching the central directory of the written bytes.
 */
final class HostileZip {

    private record Entry(String name, long zeros, byte[] content) { }

    private final Path file;
    private final List<Entry> entries = new ArrayList<>();
    private final List<Consumer<ByteBuffer>> patches = new ArrayList<>();

    HostileZip(Path file) {
        this.file = file;
    }

    HostileZip file(String name, String content) {
        entries.add(new Entry(name, 0, content.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    HostileZip folder(String name) {
        entries.add(new Entry(name, 0, null));
        return this;
    }

    /** An entry of {@code count} zero bytes, deflated: about a thousand to one. */
    HostileZip zeros(String name, long count) {
        entries.add(new Entry(name, count, new byte[0]));
        return this;
    }

    /** Marks {@code name} in the central directory as a Unix symbolic link (mode 0120777). */
    HostileZip asSymlink(String name) {
        patches.add(zip -> {
            int at = centralHeader(zip, name);
            zip.putShort(at + 4, (short) ((3 << 8) | 20));
            zip.putInt(at + 38, 0120777 << 16);
        });
        return this;
    }

    /** Makes the central directory claim {@code name} inflates to only {@code size} bytes. */
    HostileZip claimingSize(String name, int size) {
        patches.add(zip -> zip.putInt(centralHeader(zip, name) + 24, size));
        return this;
    }

    /** Replaces every occurrence of the name {@code from} by {@code to} (same length), e.g. to make duplicates. */
    HostileZip renaming(String from, String to) {
        patches.add(zip -> {
            byte[] a = from.getBytes(StandardCharsets.UTF_8);
            byte[] b = to.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i + a.length <= zip.capacity(); i++) {
                if (matches(zip, i, a)) {
                    zip.put(i, b);
                }
            }
        });
        return this;
    }

    Path write() throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Entry e : entries) {
                zip.putNextEntry(new ZipEntry(e.name));
                if (e.content != null) {
                    zip.write(e.content);
                }
                writeZeros(zip, e.zeros);
                zip.closeEntry();
            }
        }
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        patches.forEach(p -> p.accept(bytes));
        Files.write(file, bytes.array());
        return file;
    }

    private static void writeZeros(OutputStream out, long count) throws IOException {
        byte[] block = new byte[1 << 20];
        for (long left = count; left > 0; left -= block.length) {
            out.write(block, 0, (int) Math.min(block.length, left));
        }
    }

    private static int centralHeader(ByteBuffer zip, String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 46 + n.length <= zip.capacity(); i++) {
            if (zip.getInt(i) == 0x02014b50 && Short.toUnsignedInt(zip.getShort(i + 28)) == n.length && matches(zip, i + 46, n)) {
                return i;
            }
        }
        throw new AssertionError("no central header for " + name);
    }

    private static boolean matches(ByteBuffer zip, int at, byte[] bytes) {
        for (int j = 0; j < bytes.length; j++) {
            if (zip.get(at + j) != bytes[j]) {
                return false;
            }
        }
        return true;
    }
}
