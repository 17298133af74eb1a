package dev.progy.spi.support.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies {@code extends} ({@code extends: base} or {@code extends: {service: base, file: common.yml}}): the
 * service starts as a copy of the one it extends, whose own {@code extends} is applied first, and its keys win;
 * {@code environment}, {@code build} and {@code healthcheck} are merged key by key. The file must lie inside the
 * course (read with the same limits as the compose file), and paths in it are relative to its own folder, as in
 * compose: they are rewritten relative to the folder of the file that extends it. A chain deeper than
 * {@value #MAX_CHAIN} or a loop is an error.
 */
final class ComposeExtends {

    static final int MAX_CHAIN = 8;
    private static final Set<String> MERGED = Set.of("environment", "build", "healthcheck");

    private final ComposePaths paths;
    private final ComposeVariables variables;
    private final ComposeFindings findings;
    /** Files read for extends, by course-relative path: their services mapping, filled. */
    private final Map<String, Optional<JsonNode>> files = new HashMap<>();

    ComposeExtends(ComposePaths paths, ComposeVariables variables, ComposeFindings findings) {
        this.paths = paths;
        this.variables = variables;
        this.findings = findings;
    }

    /** Remembers the compose file's own services, so {@code extends} without a file finds them. */
    void known(String file, JsonNode services) {
        files.put(file, Optional.of(services));
    }

    /** {@code service} of {@code file} with its {@code extends} applied; empty when it has problems. */
    Optional<ObjectNode> apply(String file, String name, ObjectNode service) {
        return apply(file, name, service, new ArrayDeque<>());
    }

    private Optional<ObjectNode> apply(String file, String name, ObjectNode service, Deque<String> chain) {
        JsonNode ext = service.get("extends");
        if (ext == null || ext.isNull()) {
            return Optional.of(service);
        }
        String at = "services." + name + ".extends";
        String baseName = ComposeValues.text(ext.isObject() ? ext.get("service") : ext).orElse("");
        String baseFile = file;
        if (ext.isObject() && ext.has("file")) {
            try {
                baseFile = paths.inside(ComposePaths.folderOf(file), ComposeValues.text(ext.get("file")).orElse(""));
            } catch (ComposePaths.Refused r) {
                findings.problem(file, at + ".file", "refused: the file to extend " + r.getMessage());
                return Optional.empty();
            }
        }
        String link = baseFile + "#" + baseName;
        chain.push(file + "#" + name);
        if (chain.contains(link) || chain.size() > MAX_CHAIN) {
            findings.problem(file, at, chain.contains(link) ? "extends itself through " + String.join(" <- ", chain)
                    : "extends more than " + MAX_CHAIN + " services deep");
            return Optional.empty();
        }
        Optional<JsonNode> services = services(baseFile, file, at);
        if (services.isEmpty()) {
            return Optional.empty();
        }
        JsonNode base = services.get().get(baseName);
        if (base == null || !base.isObject()) {
            findings.problem(file, at, "extends the service '" + baseName + "', which " + baseFile + " does not have");
            return Optional.empty();
        }
        Optional<ObjectNode> resolved = apply(baseFile, baseName, (ObjectNode) base.deepCopy(), chain);
        chain.pop();
        if (resolved.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode merged = rebase(resolved.get(), ComposePaths.folderOf(baseFile), ComposePaths.folderOf(file));
        merged.remove("extends");
        for (Iterator<Map.Entry<String, JsonNode>> it = service.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode old = merged.get(e.getKey());
            if (MERGED.contains(e.getKey()) && old != null && old.isObject() && e.getValue().isObject()) {
                ((ObjectNode) old).setAll((ObjectNode) e.getValue());
            } else if (!e.getKey().equals("extends")) {
                merged.set(e.getKey(), e.getValue());
            }
        }
        return Optional.of(merged);
    }

    private Optional<JsonNode> services(String baseFile, String file, String at) {
        return files.computeIfAbsent(baseFile, f -> {
            try {
                JsonNode root = ComposeYaml.read(paths.root().resolve(f));
                JsonNode services = root.get("services");
                if (services == null || !services.isObject()) {
                    findings.problem(f, "services", "is missing: a file that services extend must list them");
                    return Optional.empty();
                }
                return Optional.of(variables.fill(services, "services"));
            } catch (ComposeYaml.Unreadable u) {
                findings.problem(f, u.location, "the file " + u.getMessage());
                return Optional.empty();
            } catch (IllegalArgumentException e) {
                findings.problem(f, "", e.getMessage());
                return Optional.empty();
            }
        });
    }

    /** The service's relative paths, written relative to {@code from}, rewritten relative to {@code to}. */
    private static ObjectNode rebase(ObjectNode service, String from, String to) {
        if (from.equals(to)) {
            return service;
        }
        JsonNode build = service.get("build");
        if (build != null && build.isTextual()) {
            service.put("build", moved(build.asText(), from, to));
        } else if (build != null && build.isObject()) {
            ((ObjectNode) build).put("context", moved(ComposeValues.text(build.get("context")).orElse("."), from, to));
        }
        JsonNode envFiles = service.get("env_file");
        if (envFiles != null && envFiles.isTextual()) {
            service.put("env_file", moved(envFiles.asText(), from, to));
        } else if (envFiles != null && envFiles.isArray()) {
            ArrayNode list = (ArrayNode) envFiles;
            for (int i = 0; i < list.size(); i++) {
                JsonNode e = list.get(i);
                if (e.isTextual()) {
                    list.set(i, JsonNodeFactory.instance.textNode(moved(e.asText(), from, to)));
                } else if (e.isObject() && e.has("path")) {
                    ((ObjectNode) e).put("path", moved(e.get("path").asText(), from, to));
                }
            }
        }
        JsonNode volumes = service.get("volumes");
        if (volumes != null && volumes.isArray()) {
            ArrayNode list = (ArrayNode) volumes;
            for (int i = 0; i < list.size(); i++) {
                JsonNode v = list.get(i);
                if (v.isTextual() && v.asText().startsWith(".")) {
                    int colon = v.asText().indexOf(':');
                    String source = colon < 0 ? v.asText() : v.asText().substring(0, colon);
                    String rest = colon < 0 ? "" : v.asText().substring(colon);
                    list.set(i, JsonNodeFactory.instance.textNode(moved(source, from, to) + rest));
                } else if (v.isObject() && "bind".equals(v.path("type").asText()) && v.path("source").asText().startsWith(".")) {
                    ((ObjectNode) v).put("source", moved(v.get("source").asText(), from, to));
                }
            }
        }
        return service;
    }

    /** {@code path}, relative to folder {@code from}, as a path relative to folder {@code to}. */
    private static String moved(String path, String from, String to) {
        if (path.startsWith("/") || path.startsWith("~") || path.contains("://")) {
            return path; // refused later, in its own words
        }
        String target = ComposePaths.normalize(from.equals(".") ? path : from + "/" + path);
        if (target == null) {
            // out of the course from where it was written: keep it out from where it is read, to be refused
            int depth = to.equals(".") ? 0 : to.split("/").length;
            return "../".repeat(depth + 1) + path;
        }
        Path rel = Path.of(to.equals(".") ? "" : to).relativize(Path.of(target.equals(".") ? "" : target));
        String s = rel.toString().replace(rel.getFileSystem().getSeparator(), "/");
        return s.isEmpty() ? "." : s.startsWith(".") ? s : "./" + s;
    }
}
