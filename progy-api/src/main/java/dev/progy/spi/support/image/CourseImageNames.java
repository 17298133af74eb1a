package dev.progy.spi.support.image;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How container runners name the images they build for a course: always in the {@code progy/} namespace, from the
 * course id and a hash of what the image is built from ({@link BuildContext#hash()}), so a changed file means a
 * new image, the same content gets the same name on Docker and on Podman, and a course can never name — or
 * shadow — an image outside {@code progy/}.
 */
public final class CourseImageNames {

    private CourseImageNames() { }

    /** {@code progy/<course>:<first 12 hex of the context hash>} for a course's own image. */
    public static String courseImage(String courseId, String contextHash) {
        return "progy/" + safeName(courseId) + ":" + contextHash.substring(0, 12);
    }

    /**
     * {@code progy/<course>-<service>:<hash>} for a compose service built from a context whose hash is
     * {@code contextHash}; the hash also covers the Dockerfile's path, the build arguments and the target, so a
     * change to any of them builds anew.
     */
    public static String serviceImage(String courseId, String service, String contextHash, String dockerfile,
                                      Map<String, String> args, Optional<String> target) {
        String recipe = contextHash + '\0' + dockerfile + '\0' + new TreeMap<>(args) + '\0' + target.orElse("");
        return courseImage(courseId + "-" + service, sha256(recipe));
    }

    /** A course id as a repository name component: lower case, [a-z0-9] joined by single '.', '_' or '-'. */
    public static String safeName(String courseId) {
        String name = courseId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-")
                .replaceAll("[._-]{2,}", "-").replaceAll("^[._-]+|[._-]+$", "");
        if (name.length() > 100) {
            name = name.substring(0, 100).replaceAll("[._-]+$", "");
        }
        return name.isEmpty() ? "course" : name;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
