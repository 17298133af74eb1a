package dev.progy.assets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A small course with images referenced every way a course references them, built in a folder. */
final class SampleCourse {

    static final String EXERCISE_README = """
            # Hello

            Look at the diagram: ![the flow](../../../assets/diagram.png "How it flows")

            A photo, by reference: ![a photo][photo] and an HTML one: <img src="../../../assets/photo.jpg" width="200">

            [Download the full-size screenshot](../../../assets/screen.png) if it is too small here.

            ![screen](<../../../assets/screen.png>)

            An external picture stays: ![remote](https://example.com/remote.png)

            In code the path is text, not an image: `![x](../../../assets/diagram.png)`

            ```markdown
            ![the flow](../../../assets/diagram.png)
            ```

            [photo]: ../../../assets/photo.jpg "A photo"
            """;

    private SampleCourse() { }

    static Path create(Path root) throws IOException {
        Files.createDirectories(root);
        Files.writeString(root.resolve("course.json"), """
                {
                  "id": "images",
                  "name": "Images",
                  "runners": [{"id": "sh", "command": "sh", "args": ["{{exercise}}"]}],
                  "setup": {"guide": "SETUP.md"},
                  "branding": {"coverImage": "assets/cover.jpg", "primaryColor": "#123456"}
                }
                """);
        // CRLF line ends and a BOM-less UTF-8 accent: both must come back byte for byte
        Files.writeString(root.resolve("SETUP.md"), "# Setup — café\r\n\r\n![installer](assets/screen.png)\r\n\r\nDone.\r\n");
        Files.writeString(root.resolve("README.md"), "# Images\n\n![cover](./assets/cover.jpg)\n");
        Path ex = Files.createDirectories(root.resolve("content/01_basics/01_hello"));
        Files.writeString(ex.resolve("README.md"), EXERCISE_README);
        Files.writeString(ex.resolve("exercise.sh"), "exit 1\n");
        Files.writeString(ex.resolve("quiz.json"), """
                {"title": "Q", "questions": [{"id": "q1", "type": "true-false", "correctAnswer": true,
                  "question": "Is this the flow?\\n\\n![flow](../../../assets\\/diagram.png)"}]}
                """);
        Files.writeString(root.resolve("content/01_basics/info.toml"), "[module]\ntitle = \"Basics\"\n");
        TestImages.png(root.resolve("assets/diagram.png"), TestImages.screenshot(640, 400, 1));
        TestImages.png(root.resolve("assets/screen.png"), TestImages.screenshot(800, 500, 2));
        TestImages.jpeg(root.resolve("assets/photo.jpg"), TestImages.photo(640, 480, 3));
        TestImages.jpeg(root.resolve("assets/cover.jpg"), TestImages.photo(480, 270, 4));
        return root;
    }

    /** Every file of a folder with the SHA-256 of its bytes, to compare two states of a course. */
    static Map<String, String> fingerprint(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString().replace('\\', '/'), sha256(Files.readAllBytes(p)));
            }
        }
        return out;
    }

    static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
