package dev.progy.server;

import dev.progy.server.tutor.RegistrySolutions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The tutor finds an exercise's solution files in a published course archive")
class TutorSolutionsTest {

    @Test
    @DisplayName("solution/ folders and solution.* files of the exercise, numbered folders or not; nothing of others")
    void finds() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, "course.json", "{}");
            put(zip, "content/01_basics/02_fizzbuzz/exercise.py", "def fizzbuzz(n):\n    pass\n");
            put(zip, "content/01_basics/02_fizzbuzz/solution/exercise.py", "def fizzbuzz(n):\n    return 'x'\n");
            put(zip, "content/01_basics/03_other/solution.py", "def other():\n    return 1\n");
        }
        Map<String, String> found = RegistrySolutions.read(new ByteArrayInputStream(bytes.toByteArray()),
                "basics/fizzbuzz");
        assertThat(found).containsOnlyKeys("exercise.py");
        assertThat(found.get("exercise.py")).contains("return 'x'");
        assertThat(RegistrySolutions.read(new ByteArrayInputStream(bytes.toByteArray()), "01_basics/03_other"))
                .containsOnlyKeys("solution.py");
        assertThat(RegistrySolutions.read(new ByteArrayInputStream(bytes.toByteArray()), "basics/none")).isEmpty();
    }

    private static void put(ZipOutputStream zip, String name, String text) throws Exception {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
