package dev.progy.sync.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.error.ProgyException;
import dev.progy.Workspace;
import dev.progy.spi.support.IoFailures;
import dev.progy.spi.support.scratch.ScratchFolders;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An upgrade written down before it touches the workspace, so a crash at any point loses nothing and the next
 * {@code progy upgrade} finishes it: every new file content is staged under {@code .progy/upgrade/files/}, then
 * the journal ({@code .progy/upgrade/journal.json}) is written, durably, last. Applying moves each staged file into
 * place (a staged file that is gone was applied); a file about to be replaced or removed is first kept in the
 * upgrade's backup folder.
 */
final class UpgradeJournal {

    /** One step: write the staged content of {@code target}, or move {@code target} into the backup. */
    record Step(String target, boolean removal) { }

    static final String DIR = Workspace.STATE_DIR + "/upgrade";
    private static final ObjectMapper JSON = new ObjectMapper();

    final String source;
    final String fromVersion;
    final String toVersion;
    final String backup;
    final List<FileChange> changes;
    final List<Step> steps;

    UpgradeJournal(String source, String fromVersion, String toVersion, String backup, List<FileChange> changes,
                   List<Step> steps) {
        this.source = source;
        this.fromVersion = fromVersion;
        this.toVersion = toVersion;
        this.backup = backup;
        this.changes = List.copyOf(changes);
        this.steps = List.copyOf(steps);
    }

    static Path dir(Path root) {
        return root.resolve(DIR);
    }

    static Path staged(Path root, String target) {
        return dir(root).resolve("files").resolve(target);
    }

    /** The journal of an interrupted upgrade of the workspace at {@code root}, if there is one. */
    static Optional<UpgradeJournal> read(Path root) {
        Path file = dir(root).resolve("journal.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(file.toFile());
            List<FileChange> changes = new ArrayList<>();
            n.path("changes").forEach(c -> changes.add(new FileChange(c.path("path").asText(),
                    FileChange.Action.valueOf(c.path("action").asText()), c.path("detail").asText(""))));
            List<Step> steps = new ArrayList<>();
            n.path("steps").forEach(s -> steps.add(new Step(s.path("target").asText(), s.path("removal").asBoolean())));
            return Optional.of(new UpgradeJournal(n.path("source").asText(), n.path("from").asText(),
                    n.path("to").asText(), n.path("backup").asText(), changes, steps));
        } catch (IOException | IllegalArgumentException e) {
            throw new ProgyException("the journal of an interrupted upgrade (" + file + ") cannot be read"
                    + (e instanceof IOException io ? ": " + IoFailures.describe(io) : ""), "your files are as the upgrade left them and every replaced file is in "
                    + ".progy/upgrade-backup/; remove " + DIR + " and run progy upgrade again", e);
        }
    }

    /** Stages {@code contents} (one per non-removal step, in order) and then writes the journal, durably. */
    void stage(Path root, List<byte[]> contents) throws IOException {
        Path dir = dir(root);
        ScratchFolders.delete(dir);
        Files.createDirectories(dir); // also when no file has content to stage (every step a removal, or none)
        int i = 0;
        for (Step s : steps) {
            if (!s.removal()) {
                Path to = staged(root, s.target());
                Files.createDirectories(to.getParent());
                writeDurably(to, contents.get(i++));
            }
        }
        ObjectNode n = JSON.createObjectNode();
        n.put("source", source).put("from", fromVersion).put("to", toVersion).put("backup", backup);
        ArrayNode cs = n.putArray("changes");
        changes.forEach(c -> cs.addObject().put("path", c.path()).put("action", c.action().name()).put("detail", c.detail()));
        ArrayNode ss = n.putArray("steps");
        steps.forEach(s -> ss.addObject().put("target", s.target()).put("removal", s.removal()));
        Path tmp = dir.resolve("journal.json.tmp");
        writeDurably(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n));
        Files.move(tmp, dir.resolve("journal.json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Applies every step not applied yet; safe to repeat after a crash. */
    void apply(Path root) throws IOException {
        Path backupDir = root.resolve(backup);
        for (Step s : steps) {
            Path target = root.resolve(s.target());
            Path kept = backupDir.resolve(s.target());
            if (s.removal()) {
                if (Files.isRegularFile(target)) {
                    Files.createDirectories(kept.getParent());
                    Files.move(target, kept, StandardCopyOption.REPLACE_EXISTING);
                }
                continue;
            }
            Path staged = staged(root, s.target());
            if (!Files.exists(staged)) {
                continue; // applied before a crash
            }
            if (Files.isRegularFile(target) && !Files.exists(kept)) {
                Files.createDirectories(kept.getParent());
                Files.copy(target, kept, StandardCopyOption.COPY_ATTRIBUTES);
            }
            Files.createDirectories(target.getParent());
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Removes the journal and what is left of the staging: the upgrade is complete. */
    static void finish(Path root) throws IOException {
        Files.deleteIfExists(dir(root).resolve("journal.json"));
        ScratchFolders.delete(dir(root));
    }

    private static void writeDurably(Path file, byte[] content) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(content));
            ch.force(true);
        }
    }
}
