package dev.progy.sync.tutor;

import dev.progy.Workspace;
import dev.progy.model.Exercise;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An exercise's own files in the student's workspace — its folder's text files, or only the entry file of an exercise
 * that is a single file in its module's folder — and nothing else of the workspace: what the tutor may be told. The
 * README is the course's and goes on its own; hidden files and folders, links, binary files and anything past the
 * caps stay out.
 */
public final class OwnFiles {

    /** Each file is cut at this many characters. */
    public static final int MAX_FILE_CHARS = 32 * 1024;
    /** At most this many files. */
    public static final int MAX_FILES = 20;
    private static final int MAX_DEPTH = 4;

    private OwnFiles() { }

    /** The exercise's own files, path relative to its folder (forward slashes) to content: the entry file, then the others in path order. */
    public static Map<String, String> read(Workspace ws, Exercise ex) {
        Path dir = ws.exerciseDir(ex);
        Map<String, String> out = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        if (ex.singleFile()) {
            files.add(ws.entryFile(ex));
        } else if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> walk = Files.walk(dir, MAX_DEPTH, new FileVisitOption[0])) {
                walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                        .filter(p -> dir.relativize(p).toString().chars().noneMatch(c -> c == 0)
                                && !hidden(dir.relativize(p)))
                        .filter(p -> !dir.relativize(p).toString().equalsIgnoreCase("README.md"))
                        .sorted().forEach(files::add);
            } catch (IOException | RuntimeException e) {
                // an unreadable folder: nothing of it is sent
            }
        }
        // the file the student edits first: when the request must shrink, the last files go
        Path entry = ws.entryFile(ex);
        if (files.remove(entry)) {
            files.add(0, entry);
        }
        for (Path f : files) {
            if (out.size() >= MAX_FILES) {
                break;
            }
            String text = text(f);
            if (text != null) {
                out.put(dir.relativize(f).toString().replace('\\', '/'), text);
            }
        }
        return out;
    }

    /** The exercise's README as the student has it, cut at {@code max} characters; empty when it has none. */
    public static String readme(Workspace ws, Exercise ex, int max) {
        if (ex.singleFile()) {
            return "";
        }
        String text = text(ws.exerciseDir(ex).resolve("README.md"));
        return text == null ? "" : text.length() > max ? text.substring(0, max) : text;
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.startsWith(".") || name.equals("__pycache__") || name.equals("target") || name.equals("node_modules")) {
                return true;
            }
        }
        return false;
    }

    /** The file's text, cut at the cap; null when it is not UTF-8 text or cannot be read. */
    private static String text(Path f) {
        if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(f)) {
            bytes = in.readNBytes(MAX_FILE_CHARS * 4);
        } catch (IOException e) {
            return null;
        }
        for (byte b : bytes) {
            if (b == 0) {
                return null; // binary
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        return text.length() > MAX_FILE_CHARS ? text.substring(0, MAX_FILE_CHARS) : text;
    }
}
