package dev.progy.spi.support.sandbox;

import dev.progy.error.UnsafePathException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The host folders that are never mounted into an exercise container, whatever a course says:
 * <ul>
 *   <li>the root of a file system, the user's home folder, and any folder holding one of them
 *       ({@code /home}, {@code /Users});</li>
 *   <li>system folders and everything inside them: {@code /etc}, {@code /usr}, {@code /bin}, {@code /sbin},
 *       {@code /lib*}, {@code /proc}, {@code /sys}, {@code /dev}, {@code /boot}, {@code /run} (it holds the
 *       engines' sockets), {@code /var} except its temporary folders ({@code /var/tmp}, and {@code /var/folders}
 *       where macOS keeps each user's temporary folder), macOS's {@code /System} and {@code /Library}, Windows'
 *       {@code Windows}, {@code Program Files} and {@code ProgramData};</li>
 *   <li>shared folders themselves (and any folder holding them), though a folder inside them is fine:
 *       {@code /tmp}, {@code /var/tmp}, {@code /var/folders}, {@code /root} (root's home).</li>
 * </ul>
 * Both the path as given and its real path are checked, against both the listed paths and their real paths
 * (on macOS {@code /etc} is really {@code /private/etc}).
 */
final class MountSources {

    /** Refused, and everything inside them too. */
    private static final List<String> SYSTEM = List.of("/etc", "/usr", "/bin", "/sbin", "/proc", "/sys", "/dev",
            "/boot", "/run", "/var", "/System", "/Library");
    /** Refused themselves; what lies inside them is fine. */
    private static final List<String> SHARED = List.of("/tmp", "/var/tmp", "/var/folders", "/root");
    /** Inside {@code /var}, temporary folders are fine. */
    private static final List<String> VAR_TEMPORARY = List.of("/var/tmp", "/var/folders");
    private static final Set<String> WINDOWS_SYSTEM = Set.of("windows", "program files", "program files (x86)",
            "programdata");

    private final Set<Path> home;
    private final List<Path> system;
    private final List<Path> shared;
    private final List<Path> varTemporary;

    /** @param home the user's home folder */
    MountSources(Path home) {
        this.home = withRealPath(home);
        this.system = withRealPaths(SYSTEM);
        this.shared = withRealPaths(SHARED);
        this.varTemporary = withRealPaths(VAR_TEMPORARY);
    }

    /**
     * Refuses {@code path} ({@code what} names it in the message, e.g. {@code the workspace}) when it is one of
     * the folders above; checks the path as given and, when it exists, its real path.
     *
     * @throws UnsafePathException when it is refused
     */
    void refuseUnsafe(String what, Path path) {
        Path given = path.toAbsolutePath().normalize();
        why(given).ifPresent(why -> refuse(what, given, why));
        try {
            Path real = given.toRealPath();
            why(real).ifPresent(why -> refuse(what, given, why + (real.equals(given) ? "" : " (" + given
                    + " is really " + real + ")")));
        } catch (IOException e) {
            // it does not exist (yet): the caller reports that in its own words
        }
    }

    private static void refuse(String what, Path path, String why) {
        throw new UnsafePathException("refused to mount " + what + " " + path + " into the exercise container: "
                + why + "; Progy mounts only folders of a workspace of their own, e.g. ~/progy/<course>");
    }

    private Optional<String> why(Path p) {
        if (p.getParent() == null) {
            return Optional.of("it is the root of the file system");
        }
        for (Path h : home) {
            if (p.equals(h)) {
                return Optional.of("it is your home folder");
            }
            if (h.startsWith(p)) {
                return Optional.of("it holds your home folder");
            }
        }
        for (Path s : shared) {
            if (s.startsWith(p)) {
                return Optional.of(p.equals(s) ? "it is the shared folder " + s : "it holds the shared folder " + s);
            }
        }
        for (Path s : system) {
            if (s.startsWith(p)) {
                return Optional.of(p.equals(s) ? "it is the system folder " + s : "it holds the system folder " + s);
            }
            if (p.startsWith(s) && varTemporary.stream().noneMatch(p::startsWith)) {
                return Optional.of("it lies inside the system folder " + s);
            }
        }
        String first = p.getName(0).toString();
        if (p.getRoot() != null && p.getRoot().toString().equals("/") && first.startsWith("lib")) {
            return Optional.of("it lies in the system folder /" + first);
        }
        if (isDrive(p) && WINDOWS_SYSTEM.contains(first.toLowerCase(Locale.ROOT))) {
            return Optional.of("it lies in the system folder " + p.getRoot().resolve(first));
        }
        return Optional.empty();
    }

    private static boolean isDrive(Path p) {
        String root = p.getRoot() == null ? "" : p.getRoot().toString();
        return root.length() == 3 && root.charAt(1) == ':';
    }

    private static List<Path> withRealPaths(List<String> paths) {
        List<Path> all = new ArrayList<>();
        for (String p : paths) {
            all.addAll(withRealPath(Path.of(p)));
        }
        return List.copyOf(all);
    }

    /** The path, and its real path when that differs (a link such as macOS's {@code /tmp}). */
    private static Set<Path> withRealPath(Path p) {
        Set<Path> both = new LinkedHashSet<>();
        both.add(p.toAbsolutePath().normalize());
        try {
            if (Files.exists(p)) {
                both.add(p.toRealPath());
            }
        } catch (IOException e) {
            // unreadable: the path as listed still counts
        }
        return both;
    }
}
