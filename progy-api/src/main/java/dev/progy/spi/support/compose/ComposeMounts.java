package dev.progy.spi.support.compose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.progy.spi.support.compose.ComposeService.Kind;
import dev.progy.spi.support.compose.ComposeService.Mount;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A service's {@code volumes:}, short ({@code data:/var/lib/db}, {@code ./init:/init:ro}) or long
 * ({@code {type: bind, source: ./init, target: /init}}). What passes: volumes the file declares (the run makes
 * its own of each and removes it at the end), anonymous volumes, and folders or files of the course, always
 * read-only — a run never changes the course. Refused: any host path outside the course (absolute, {@code ~},
 * {@code ..} or a link out), named pipes, and mount propagation that would carry mounts back to the host.
 */
final class ComposeMounts {

    private static final Set<String> MODES = Set.of("ro", "rw", "z", "Z", "nocopy", "delegated", "cached",
            "consistent", "private", "rprivate", "slave", "rslave");
    private static final Set<String> SHARED = Set.of("shared", "rshared");

    private final ComposePaths paths;
    private final Set<String> declaredVolumes;
    private final ComposeFindings findings;

    ComposeMounts(ComposePaths paths, Set<String> declaredVolumes, ComposeFindings findings) {
        this.paths = paths;
        this.declaredVolumes = declaredVolumes;
        this.findings = findings;
    }

    /** The mounts of {@code volumes}, written in {@code file} whose folder is {@code base}. */
    List<Mount> read(String file, String base, String service, JsonNode volumes) {
        List<Mount> mounts = new ArrayList<>();
        if (volumes == null || volumes.isNull()) {
            return mounts;
        }
        String at = "services." + service + ".volumes";
        if (!volumes.isArray()) {
            findings.problem(file, at, "must be a list of volumes");
            return mounts;
        }
        int i = 0;
        for (JsonNode v : volumes) {
            String where = at + "[" + i++ + "]";
            Mount m = v.isObject() ? longForm(file, base, where, v)
                    : v.isTextual() ? shortForm(file, base, where, v.asText()) : invalid(file, where);
            if (m != null) {
                mounts.add(m);
            }
        }
        return mounts;
    }

    private Mount shortForm(String file, String base, String where, String spec) {
        String[] parts = spec.split(":", -1);
        if (parts.length == 1) {
            return target(file, where, parts[0]) ? new Mount(Kind.VOLUME, "", parts[0], false) : null;
        }
        if (parts.length > 3) {
            findings.problem(file, where, "'" + spec + "' is not SOURCE:TARGET[:MODE]");
            return null;
        }
        String source = parts[0];
        String target = parts[1];
        List<String> options = parts.length == 3 ? List.of(parts[2].split(",")) : List.of();
        for (String o : options) {
            if (SHARED.contains(o)) {
                refusePropagation(file, where, o);
                return null;
            }
            if (!MODES.contains(o)) {
                findings.problem(file, where, "'" + o + "' is not a volume mode compose knows (ro, rw, z, Z, nocopy, ...)");
                return null;
            }
        }
        boolean readOnly = options.contains("ro");
        if (!target(file, where, target)) {
            return null;
        }
        if (isPath(source)) {
            return bind(file, base, where, source, target, readOnly);
        }
        return volume(file, where, source, target, readOnly);
    }

    private Mount longForm(String file, String base, String where, JsonNode v) {
        for (Iterator<String> keys = v.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!Set.of("type", "source", "target", "read_only", "bind", "volume", "tmpfs", "consistency")
                    .contains(key)) {
                findings.problem(file, where + "." + key, "refused: '" + key + "' is not a volume key Progy knows");
                return null;
            }
        }
        String type = ComposeValues.text(v.get("type")).orElse("volume").toLowerCase(Locale.ROOT);
        String target = ComposeValues.text(v.get("target")).orElse("");
        boolean readOnly = ComposeValues.isSet(v.get("read_only"));
        String source = ComposeValues.text(v.get("source")).orElse("");
        switch (type) {
            case "bind" -> {
                String propagation = ComposeValues.text(v.path("bind").get("propagation")).orElse("");
                if (SHARED.contains(propagation)) {
                    refusePropagation(file, where, propagation);
                    return null;
                }
                return target(file, where, target) ? bind(file, base, where, source, target, readOnly) : null;
            }
            case "volume" -> {
                if (v.path("volume").has("subpath")) {
                    findings.problem(file, where + ".volume.subpath", "is not supported: mount the whole volume");
                    return null;
                }
                if (!target(file, where, target)) {
                    return null;
                }
                return source.isEmpty() ? new Mount(Kind.VOLUME, "", target, readOnly)
                        : volume(file, where, source, target, readOnly);
            }
            case "tmpfs" -> {
                findings.note(file, where, "ignored: a tmpfs mount (the container's own file system is used)");
                return null;
            }
            case "npipe" -> {
                findings.problem(file, where, "refused: a named pipe of your machine; Progy mounts only volumes"
                        + " of the run and folders of the course");
                return null;
            }
            default -> {
                findings.problem(file, where + ".type", "'" + type + "' is not supported: use a volume, or a folder"
                        + " of the course (type: bind)");
                return null;
            }
        }
    }

    private Mount bind(String file, String base, String where, String source, String target, boolean readOnly) {
        String relative;
        try {
            relative = paths.inside(base, source);
        } catch (ComposePaths.Refused r) {
            findings.problem(file, where, "refused: the host path " + r.getMessage());
            return null;
        }
        if (!readOnly) {
            findings.note(file, where, "mounted read-only: a run never changes the course's files");
        }
        return new Mount(Kind.BIND, relative, target, true);
    }

    private Mount volume(String file, String where, String name, String target, boolean readOnly) {
        if (!declaredVolumes.contains(name)) {
            findings.problem(file, where, "names the volume '" + name + "', which the file does not declare under"
                    + " the top-level volumes: (declare it there, or write a path of the course as ./" + name + ")");
            return null;
        }
        return new Mount(Kind.VOLUME, name, target, readOnly);
    }

    private boolean target(String file, String where, String target) {
        if (!target.startsWith("/")) {
            findings.problem(file, where, "the target '" + target + "' must be an absolute path in the container");
            return false;
        }
        return true;
    }

    private void refusePropagation(String file, String where, String propagation) {
        findings.problem(file, where, "refused: propagation '" + propagation + "' would carry mounts made in the"
                + " container back to your machine");
    }

    private Mount invalid(String file, String where) {
        findings.problem(file, where, "must be a string such as data:/var/lib/data or a mapping with type, source"
                + " and target");
        return null;
    }

    /** Compose's rule: a source that starts like a path is a host path, anything else names a volume. */
    private static boolean isPath(String source) {
        return source.startsWith(".") || source.startsWith("/") || source.startsWith("~") || source.startsWith("\\")
                || source.contains("/") || (source.length() >= 2 && source.charAt(1) == ':');
    }
}
