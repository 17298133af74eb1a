package dev.progy.sync.live;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.error.ProgyException;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/**
 * A recording in asciicast v3 (asciinema's format): a header line, then one JSON array per event,
 * {@code [interval, code, data]}, the interval being seconds since the previous event: {@code "o"} output,
 * {@code "r"} a resize ({@code "COLSxROWS"}), {@code "x"} the exit status. Events are written as they come;
 * thread-safe.
 */
public final class AsciicastWriter implements Closeable {
    private final BufferedWriter out;
    private final Path file;
    private long last;

    private AsciicastWriter(Path file, BufferedWriter out, long startNanos) {
        this.file = file;
        this.out = out;
        this.last = startNanos;
    }

    /** Starts a recording in {@code file} (replaced if it exists) of a terminal of {@code cols}×{@code rows}. */
    public static AsciicastWriter create(Path file, int cols, int rows, String title, Instant started) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            ObjectNode header = Frames.JSON.createObjectNode();
            header.put("version", 3);
            ObjectNode term = header.putObject("term");
            term.put("cols", cols);
            term.put("rows", rows);
            header.put("timestamp", started.getEpochSecond());
            if (title != null && !title.isBlank()) {
                header.put("title", title);
            }
            w.write(Frames.write(header));
            w.write('\n');
            return new AsciicastWriter(file, w, System.nanoTime());
        } catch (IOException e) {
            throw new ProgyException("Could not write the recording " + file + ".",
                    "Check that its folder exists and that you may write there, or choose another file with --save.");
        }
    }

    /** Where the recording goes. */
    public Path file() {
        return file;
    }

    /** Output the terminal showed. */
    public void output(String text) {
        event("o", text);
    }

    /** The terminal was resized. */
    public void resize(int cols, int rows) {
        event("r", cols + "x" + rows);
    }

    /** The shared program ended with {@code status}. */
    public void exit(int status) {
        event("x", Integer.toString(status));
    }

    private synchronized void event(String code, String data) {
        long now = System.nanoTime();
        String interval = String.format(Locale.ROOT, "%.6f", Math.max(0, now - last) / 1e9);
        last = now;
        try {
            out.write("[" + interval + ", \"" + code + "\", " + Frames.quote(data) + "]\n");
        } catch (IOException e) {
            throw new ProgyException("Could not write the recording " + file + ": the disk may be full.",
                    "Free some space; the sharing goes on without the rest of the recording.");
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new ProgyException("Could not finish the recording " + file + ": the disk may be full.",
                    "Free some space and share again with --save.");
        }
    }
}
