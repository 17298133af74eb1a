package dev.progy.runner.podman;

import dev.progy.spi.container.ContainerEngine.Labelled;
import dev.progy.spi.container.ContainerEngine.LabelledImage;
import com.fasterxml.jackson.databind.JsonNode;
import dev.progy.spi.Leftover;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The calls of the libpod API that {@code progy doctor} and {@code progy gc} make, typed: what the service says
 * about itself, and the containers, pods, networks, volumes and images carrying a label, and their removal. Over
 * the runner's own {@link LibpodClient}; errors are its {@link LibpodException}s.
 */
final class LibpodAdmin {


    private final LibpodClient podman;

    LibpodAdmin(LibpodClient podman) {
        this.podman = podman;
    }

    /** What {@code info} says, for a report: the version, and facts in the order a reader wants them. */
    record Facts(String version, boolean rootless, String cgroupVersion, Map<String, String> details) { }

    Facts facts() {
        JsonNode info = podman.answer("GET", "/info", null);
        JsonNode host = info.path("host");
        Map<String, String> details = new LinkedHashMap<>();
        boolean rootless = host.path("security").path("rootless").asBoolean(false);
        details.put("rootless", rootless ? "yes" : "no");
        put(details, "cgroup version", host.path("cgroupVersion").asText(""));
        put(details, "cgroup manager", host.path("cgroupManager").asText(""));
        JsonNode runtime = host.path("ociRuntime");
        put(details, "OCI runtime", (runtime.path("name").asText("") + " "
                + versionIn(runtime.path("version").asText(""))).strip());
        put(details, "storage driver", info.path("store").path("graphDriverName").asText(""));
        put(details, "conmon", versionIn(host.path("conmon").path("version").asText("")));
        JsonNode distribution = host.path("distribution");
        put(details, "operating system", (distribution.path("distribution").asText("") + " "
                + distribution.path("version").asText("")).strip());
        put(details, "kernel", host.path("kernel").asText(""));
        if (host.path("cpus").asInt(0) > 0) {
            details.put("CPUs", Integer.toString(host.path("cpus").asInt()));
        }
        if (host.path("memTotal").asLong(0) > 0) {
            details.put("memory", (host.path("memTotal").asLong() >> 20) + " MiB");
        }
        if (host.path("serviceIsRemote").asBoolean(false)) {
            details.put("service", "remote (a Podman machine or another host)");
        }
        return new Facts(info.path("version").path("Version").asText(""), rootless,
                host.path("cgroupVersion").asText(""), details);
    }

    /**
     * Containers (running or not; not the infra containers of pods, which go with their pod), pods, networks and
     * volumes carrying the label {@code key=value}.
     */
    List<Labelled> labelled(String key, String value) {
        String filter = "filters=" + LibpodClient.encoded(labelFilter(key, value));
        List<Labelled> found = new ArrayList<>();
        for (JsonNode c : podman.answer("GET", "/containers/json?all=true&" + filter, null)) {
            if (c.path("IsInfra").asBoolean(false)) {
                continue; // a pod's infra container carries the pod's labels, and goes only with its pod
            }
            found.add(new Labelled(Leftover.Kind.CONTAINER, c.path("Id").asText(),
                    c.path("Names").path(0).asText(c.path("Id").asText()), labels(c.path("Labels")),
                    instant(c.path("Created").asText(""))));
        }
        for (JsonNode p : podman.answer("GET", "/pods/json?" + filter, null)) {
            found.add(new Labelled(Leftover.Kind.POD, p.path("Id").asText(), p.path("Name").asText(),
                    labels(p.path("Labels")), instant(p.path("Created").asText(""))));
        }
        for (JsonNode n : podman.answer("GET", "/networks/json?" + filter, null)) {
            found.add(new Labelled(Leftover.Kind.NETWORK, n.path("id").asText(), n.path("name").asText(),
                    labels(n.path("labels")), instant(n.path("created").asText(""))));
        }
        for (JsonNode v : podman.answer("GET", "/volumes/json?" + filter, null)) {
            found.add(new Labelled(Leftover.Kind.VOLUME, v.path("Name").asText(), v.path("Name").asText(),
                    labels(v.path("Labels")), instant(v.path("CreatedAt").asText(""))));
        }
        // a filter answers what carries the label; checked again, as a service may ignore a filter it does not know
        found.removeIf(t -> !value.equals(t.labels().get(key)));
        return found;
    }

    /** Images carrying the label {@code key=value}, each with its build time to the nanosecond. */
    List<LabelledImage> images(String key, String value) {
        List<LabelledImage> found = new ArrayList<>();
        String filter = "filters=" + LibpodClient.encoded(labelFilter(key, value));
        for (JsonNode i : podman.answer("GET", "/images/json?" + filter, null)) {
            Map<String, String> labels = labels(i.path("Labels"));
            if (!value.equals(labels.get(key))) {
                continue;
            }
            List<String> tags = new ArrayList<>();
            i.path("RepoTags").forEach(t -> tags.add(t.asText()));
            String id = i.path("Id").asText();
            // the list gives whole seconds, too coarse to order two quick builds
            Instant created = instant(podman.answer("GET", "/images/" + id + "/json", null).path("Created").asText(""));
            found.add(new LabelledImage(id, tags, labels, created.equals(Instant.EPOCH)
                    ? Instant.ofEpochSecond(i.path("Created").asLong(0)) : created));
        }
        return found;
    }

    /**
     * Removes a thing; true when it was removed or was already gone.
     *
     * @param force for a pod: with its containers; ignored otherwise (a network, volume or image in use stays)
     * @throws LibpodException when the service refuses, e.g. a volume still in use
     */
    boolean remove(Leftover.Kind kind, String idOrName, boolean force) {
        String at = LibpodClient.encoded(idOrName);
        String path = switch (kind) {
            case CONTAINER -> "/containers/" + at + "?force=true&v=true&timeout=0";
            case POD -> "/pods/" + at + (force ? "?force=true" : "");
            case NETWORK -> "/networks/" + at;
            case VOLUME -> "/volumes/" + at;
            case IMAGE -> "/images/" + at;
            case EXEC_SESSION -> null; // an exec session goes with its container
        };
        if (path == null) {
            return false;
        }
        podman.status("DELETE", path, null, "remove the " + kind.name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', ' ') + " " + idOrName, 404);
        return true;
    }

    private static String labelFilter(String key, String value) {
        return LibpodJson.text(LibpodJson.object().set("label", LibpodJson.strings(List.of(key + "=" + value))));
    }

    private static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new TreeMap<>();
        node.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    private static Instant instant(String text) {
        try {
            return text.isBlank() ? Instant.EPOCH : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    /** The version number in a tool's version text, e.g. {@code 2.1.6} in "conmon version 2.1.6, commit: x". */
    static String versionIn(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\d+(\\.\\d+)+[^\\s,]*").matcher(text);
        return m.find() ? m.group() : text.lines().findFirst().orElse("").strip();
    }

    private static void put(Map<String, String> details, String key, String value) {
        if (value != null && !value.isBlank()) {
            details.put(key, value.strip());
        }
    }
}
