package dev.progy.internal.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.error.ProgyException;
import dev.progy.spi.support.scratch.AtomicFiles;
import dev.progy.spi.support.IsoInstants;
import dev.progy.spi.support.json.JsonTrees;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code .progy/workspace.json}: which course a workspace holds, where it came from, the consents the student gave
 * (e.g. network access for a course that asks for it), which progress store keeps its progress (chosen once, so
 * that the progress a student sees never depends on how one command was started) and the settings saved for it
 * (e.g. its sync server). Each write keeps the previous good version as {@code workspace.json.bak}.
 *
 * @param progressStore the id of the progress store keeping this workspace's progress, once chosen
 * @param settings      configuration saved for this workspace, by key (e.g. {@code progy.sync.server})
 * @param networkHosts  the hosts the network consent names (an allowlist's); empty for a consent to all of the
 *                      network, and for consents recorded before hosts were
 */
public record WorkspaceManifest(String courseId, String courseVersion, String source, Instant initializedAt,
                                Optional<String> networkConsent, Optional<String> networkDeclined,
                                Optional<String> progressStore, Map<String, String> settings,
                                Optional<List<String>> networkHosts) {

    public WorkspaceManifest {
        settings = Map.copyOf(settings);
        networkHosts = networkHosts.map(List::copyOf);
    }

    /** A manifest with no store chosen and no settings saved yet. */
    public WorkspaceManifest(String courseId, String courseVersion, String source, Instant initializedAt,
                             Optional<String> networkConsent, Optional<String> networkDeclined) {
        this(courseId, courseVersion, source, initializedAt, networkConsent, networkDeclined, Optional.empty(), Map.of(),
                Optional.empty());
    }

    /** This manifest with the student's answer about network access: agreed at, or declined at, one of them. */
    public WorkspaceManifest withNetworkAnswer(Optional<String> consent, Optional<String> declined) {
        return withNetworkAnswer(consent, declined, Optional.empty());
    }

    /**
     * This manifest with the student's answer about network access, a consent naming {@code hosts} (empty: all of
     * the network).
     */
    public WorkspaceManifest withNetworkAnswer(Optional<String> consent, Optional<String> declined,
                                               Optional<List<String>> hosts) {
        return new WorkspaceManifest(courseId, courseVersion, source, initializedAt, consent, declined, progressStore,
                settings, consent.isPresent() ? hosts : Optional.empty());
    }

    /** This manifest for a (re)installed course, keeping the student's answers, store and settings. */
    public WorkspaceManifest reinstalled(String newCourseId, String newVersion, String newSource, Instant at) {
        return new WorkspaceManifest(newCourseId, newVersion, newSource, at, networkConsent, networkDeclined,
                progressStore, settings, networkHosts);
    }

    /** This manifest recording that the progress store {@code storeId} keeps the workspace's progress. */
    public WorkspaceManifest withProgressStore(String storeId) {
        return new WorkspaceManifest(courseId, courseVersion, source, initializedAt, networkConsent, networkDeclined,
                Optional.of(storeId), settings, networkHosts);
    }

    /** This manifest with a setting saved ({@code value} present) or removed. */
    public WorkspaceManifest withSetting(String key, Optional<String> value) {
        Map<String, String> next = new TreeMap<>(settings);
        value.ifPresentOrElse(v -> next.put(key, v), () -> next.remove(key));
        return new WorkspaceManifest(courseId, courseVersion, source, initializedAt, networkConsent, networkDeclined,
                progressStore, next, networkHosts);
    }

    static final int FORMAT_VERSION = 1;

    /** Folder of Progy's state inside a workspace ({@code Workspace.STATE_DIR} to an embedder). */
    public static final String STATE_DIR = ".progy";
    /** The pristine course, relative to the workspace root. */
    public static final String PRISTINE_DIR = STATE_DIR + "/course";
    /** The manifest naming the course of the workspace. */
    public static final String MANIFEST = STATE_DIR + "/workspace.json";

    /** Reads the manifest of a workspace; a damaged one is reported with what to do (and its last good copy). */
    public static WorkspaceManifest read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw damaged(file, "it is missing");
        } catch (IOException e) {
            throw new ProgyException("The workspace record " + file + " cannot be read: "
                    + (Files.isDirectory(file) ? "it is a folder, not a file" : "it is not readable by you") + ".",
                    "Check its permissions (ls -l " + file + ").", e);
        }
        try {
            return parse(bytes);
        } catch (Damaged e) {
            throw damaged(file, e.getMessage());
        }
    }

    private static WorkspaceManifest parse(byte[] bytes) throws Damaged {
        JsonNode n;
        try {
            n = JsonTrees.read(bytes);
        } catch (IOException e) {
            throw new Damaged(JsonTrees.problem(e));
        }
        if (n == null || !n.isObject()) {
            throw new Damaged("it does not hold a JSON object");
        }
        if (!n.path("courseId").isTextual() || n.path("courseId").asText().isBlank()) {
            throw new Damaged("it does not name the workspace's course (\"courseId\")");
        }
        Instant at;
        try {
            at = IsoInstants.parse(n.path("initializedAt").asText("1970-01-01T00:00:00Z"));
        } catch (DateTimeParseException e) {
            throw new Damaged("its \"initializedAt\" is not a time");
        }
        Map<String, String> settings = new TreeMap<>();
        JsonNode saved = n.path("settings");
        if (!saved.isMissingNode() && !saved.isNull()) {
            if (!saved.isObject()) {
                throw new Damaged("its \"settings\" is not an object of texts");
            }
            for (Map.Entry<String, JsonNode> s : saved.properties()) {
                if (!s.getValue().isTextual()) {
                    throw new Damaged("its setting \"" + s.getKey() + "\" is not a text");
                }
                settings.put(s.getKey(), s.getValue().asText());
            }
        }
        JsonNode store = n.path("progressStore");
        if (!store.isMissingNode() && !store.isNull() && (!store.isTextual() || store.asText().isBlank())) {
            throw new Damaged("its \"progressStore\" is not the name of a progress store");
        }
        return new WorkspaceManifest(n.path("courseId").asText(), n.path("courseVersion").asText("1.0.0"),
                n.path("source").asText(""), at,
                Optional.ofNullable(n.get("networkConsent")).map(JsonNode::asText),
                Optional.ofNullable(n.get("networkDeclined")).map(JsonNode::asText),
                store.isTextual() ? Optional.of(store.asText()) : Optional.empty(), settings, hosts(n.get("networkHosts")));
    }

    /** The hosts of a consent; a hand-edited value that is not a list of texts names none (asked again). */
    private static Optional<List<String>> hosts(JsonNode node) {
        if (node == null || !node.isArray()) {
            return node == null ? Optional.empty() : Optional.of(List.of());
        }
        List<String> hosts = new java.util.ArrayList<>();
        node.forEach(h -> {
            if (h.isTextual()) {
                hosts.add(h.asText());
            }
        });
        return Optional.of(hosts);
    }

    private static ProgyException damaged(Path file, String what) {
        Path previous = AtomicFiles.previousCopy(file);
        boolean goodCopy;
        try {
            goodCopy = Files.isRegularFile(previous) && parse(Files.readAllBytes(previous)) != null;
        } catch (IOException | Damaged e) {
            goodCopy = false;
        }
        String fix = goodCopy
                ? "Its last good copy is kept: put it back with `cp " + previous + " " + file + "`, then try again."
                : "Move it away (mv " + file + " " + file + ".damaged) and run `progy init <course> "
                        + file.getParent().getParent() + "` again to write a new one; your files and progress are kept.";
        return new ProgyException("The workspace record " + file + " is damaged: " + what + ".", fix);
    }

    /** Why a manifest cannot be read, in words for the student. */
    private static final class Damaged extends Exception {
        Damaged(String message) {
            super(message, null, false, false);
        }
    }

    /** Writes it atomically, keeping the previous version as {@code workspace.json.bak}. */
    public void write(Path file) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("formatVersion", FORMAT_VERSION);
        n.put("courseId", courseId);
        n.put("courseVersion", courseVersion);
        n.put("source", source);
        n.put("initializedAt", initializedAt.toString());
        networkConsent.ifPresent(c -> n.put("networkConsent", c));
        networkHosts.ifPresent(hosts -> hosts.forEach(n.putArray("networkHosts")::add));
        networkDeclined.ifPresent(c -> n.put("networkDeclined", c));
        progressStore.ifPresent(s -> n.put("progressStore", s));
        if (!settings.isEmpty()) {
            ObjectNode s = n.putObject("settings");
            new TreeMap<>(settings).forEach(s::put);
        }
        try {
            AtomicFiles.writeKeepingPrevious(file, JsonTrees.write(n, true), AtomicFiles.Durability.DURABLE);
        } catch (IOException e) {
            throw new ProgyException("Could not write the workspace record " + file + ": "
                    + (Files.isWritable(file.getParent()) ? "the disk may be full" : "its folder is not writable") + ".",
                    "Make the workspace writable (e.g. chmod -R u+w " + file.getParent().getParent() + ") and try again.", e);
        }
    }
}
