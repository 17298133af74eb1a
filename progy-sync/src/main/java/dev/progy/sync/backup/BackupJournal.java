package dev.progy.sync.backup;

import dev.progy.spi.support.scratch.AtomicFiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;

/**
 * What the backup remembers between processes for {@code --status}: when it last pushed, and the last error of a
 * push that has not succeeded since. Kept in a properties file in the repository folder, replaced atomically.
 * Messages are stored as they were shown to the student: never with a token in them (see {@link BackupCredentials}).
 */
record BackupJournal(Optional<Instant> lastPushAt, Optional<String> lastError, Optional<Instant> lastErrorAt) {

    static final BackupJournal EMPTY = new BackupJournal(Optional.empty(), Optional.empty(), Optional.empty());

    /** A push succeeded at {@code at}: the last error is history. */
    BackupJournal pushed(Instant at) {
        return new BackupJournal(Optional.of(at), Optional.empty(), Optional.empty());
    }

    /** A commit or push failed at {@code at}. */
    BackupJournal failed(String error, Instant at) {
        return new BackupJournal(lastPushAt, Optional.of(error), Optional.of(at));
    }

    static BackupJournal read(Path file) {
        if (!Files.isRegularFile(file)) {
            return EMPTY;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return EMPTY; // a damaged journal only loses what --status shows; the next push writes it anew
        }
        return new BackupJournal(instant(p.getProperty("lastPushAt")), Optional.ofNullable(p.getProperty("lastError")),
                instant(p.getProperty("lastErrorAt")));
    }

    void write(Path file) throws IOException {
        Properties p = new Properties();
        lastPushAt.ifPresent(t -> p.setProperty("lastPushAt", t.toString()));
        lastError.ifPresent(e -> p.setProperty("lastError", e));
        lastErrorAt.ifPresent(t -> p.setProperty("lastErrorAt", t.toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.store(out, "progy backup status");
        AtomicFiles.write(file, out.toByteArray(), AtomicFiles.Durability.CONSISTENT);
    }

    private static Optional<Instant> instant(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
