package dev.progy.internal.archive;

import dev.progy.ArchiveContents;
import dev.progy.model.ArchiveLimits;
import dev.progy.error.ArchiveRejectedException;
import dev.progy.CourseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static dev.progy.internal.archive.CourseArchiveTest.files;
import static dev.progy.internal.archive.CourseArchiveTest.sampleCourse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every hostile archive is refused with a message naming the entry and the rule, and leaves no trace: the
 * canary folder beside the target is untouched, the target does not exist, no staging folder is left.
 */
@DisplayName("Unpacking a hostile archive")
class HostileArchiveTest {

    @TempDir
    Path temp;
    private Path work;
    private Path target;

    @BeforeEach
    void layOutWorkFolder() throws IOException {
        work = Files.createDirectories(temp.resolve("work"));
        CourseArchiveTest.write(work.resolve("canary/keep.txt"), "untouched");
        target = work.resolve("target");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "../x                | contains '..'",
            "a/../../x           | contains '..'",
            "../canary/keep.txt  | contains '..'",
            "/etc/x              | is an absolute path",
            "C:\\x               | absolute Windows path",
            "\\\\server\\share\\x | absolute Windows path",
            "a\\..\\..\\x        | backslash",
            "c:x                 | absolute Windows path",
            "notes.txt:hidden    | contains ':'",
    })
    @DisplayName("refuses entry names that could land outside the target")
    void escapingNames(String name, String rule) throws IOException {
        Path zip = new HostileZip(work.resolve("evil.zip")).file("course.json", "{}").file(name, "pwned").write();

        assertRefused(zip, ArchiveLimits.DEFAULT, name, rule);
    }

    @Test
    @DisplayName("refuses a symbolic link entry")
    void symlink() throws IOException {
        Path zip = new HostileZip(work.resolve("evil.zip"))
                .file("course.json", "{}").file("link", "/etc/passwd").asSymlink("link").write();

        assertRefused(zip, ArchiveLimits.DEFAULT, "'link'", "symbolic link");
    }

    @Test
    @DisplayName("refuses two entries with the same name")
    void duplicate() throws IOException {
        Path zip = new HostileZip(work.resolve("evil.zip"))
                .file("dup1.txt", "first").file("dup2.txt", "second").renaming("dup2.txt", "dup1.txt").write();

        assertRefused(zip, ArchiveLimits.DEFAULT, "'dup1.txt'", "duplicate");
    }

    @Test
    @DisplayName("refuses two entries whose names differ only in letter case")
    void caseCollision() throws IOException {
        Path zip = new HostileZip(work.resolve("evil.zip")).file("README.md", "a").file("readme.md", "b").write();

        assertRefused(zip, ArchiveLimits.DEFAULT, "'readme.md'", "letter case");
    }

    @Test
    @DisplayName("refuses a zip bomb: 200 MiB of zeros in well under 1 MiB")
    void zipBomb() throws IOException {
        Path zip = new HostileZip(work.resolve("bomb.zip")).file("course.json", "{}")
                .zeros("assets/zeros.bin", 200L << 20).write();
        assertThat(Files.size(zip)).isLessThan(1L << 20);

        assertRefused(zip, ArchiveLimits.DEFAULT, "'assets/zeros.bin'", "more than the per-entry limit");
    }

    @Test
    @DisplayName("stops a zip bomb whose headers claim it is small, by the bytes it actually inflates")
    void disguisedZipBomb() throws IOException {
        Path zip = new HostileZip(work.resolve("bomb.zip")).file("course.json", "{}")
                .zeros("assets/zeros.bin", 200L << 20).claimingSize("assets/zeros.bin", 1000).write();

        assertRefused(zip, ArchiveLimits.DEFAULT, "'assets/zeros.bin'", "expands more than 100 times its compressed size (a zip bomb)");
    }

    @Test
    @DisplayName("counts real bytes, not the sizes the headers claim")
    void lyingHeaders() throws IOException {
        Path zip = new HostileZip(work.resolve("liar.zip")).zeros("big.bin", 20L << 20)
                .claimingSize("big.bin", 1000).write();
        ArchiveLimits lenient = new ArchiveLimits(100, 1L << 30, 10L << 20, 100_000);

        assertRefused(zip, lenient, "'big.bin'", "per-entry limit");
    }

    @Test
    @DisplayName("refuses more entries than the limit")
    void tooManyEntries() throws IOException {
        HostileZip builder = new HostileZip(work.resolve("many.zip"));
        for (int i = 0; i < 6; i++) {
            builder.file("f" + i + ".txt", "x");
        }
        Path zip = builder.write();

        assertRefused(zip, new ArchiveLimits(5, 1L << 30, 1L << 20, 100), "many.zip", "6 entries, more than the limit of 5");
    }

    @Test
    @DisplayName("refuses an archive whose entries add up past the total limit")
    void tooLargeInTotal() throws IOException {
        Path zip = new HostileZip(work.resolve("large.zip"))
                .file("a.txt", "a".repeat(600)).file("b.txt", "b".repeat(600)).write();

        assertRefused(zip, new ArchiveLimits(10, 1000, 1000, 1000), "'b.txt'", "total limit of 1000");
    }

    @Test
    @DisplayName("refuses a truncated archive")
    void truncated() throws IOException {
        Path course = sampleCourse(temp.resolve("course"));
        Path zip = work.resolve("cut.progy");
        CourseArchive.pack(course, zip);
        byte[] bytes = Files.readAllBytes(zip);
        Files.write(zip, Arrays.copyOf(bytes, bytes.length / 2));

        assertRefused(zip, ArchiveLimits.DEFAULT, "cut.progy", "truncated");
    }

    @Test
    @DisplayName("refuses a file that is not a zip at all")
    void notAZip() throws IOException {
        Path zip = CourseArchiveTest.write(work.resolve("notes.progy"), "just some text, not a zip\n");

        assertRefused(zip, ArchiveLimits.DEFAULT, "notes.progy", "not a zip archive");
    }

    @Test
    @DisplayName("refuses a whole archive when only its last entry is bad, leaving no partial content")
    void noPartialContent() throws IOException {
        Path zip = new HostileZip(work.resolve("late.zip")).file("course.json", "{}").file("content/a.txt", "fine")
                .file("z.bin", "x").asSymlink("z.bin").write();

        assertRefused(zip, ArchiveLimits.DEFAULT, "'z.bin'", "symbolic link");
    }

    private void assertRefused(Path zip, ArchiveLimits limits, String named, String rule) throws IOException {
        // reading in place refuses exactly what unpacking refuses
        assertThatThrownBy(() -> ArchiveContents.open(zip, limits).close())
                .isInstanceOf(ArchiveRejectedException.class)
                .hasMessageContaining(named).hasMessageContaining(rule);
        assertThatThrownBy(() -> CourseArchive.unpack(zip, target, limits))
                .isInstanceOf(ArchiveRejectedException.class)
                .hasMessageContaining(named).hasMessageContaining(rule);
        assertThat(target).doesNotExist();
        assertThat(files(work.resolve("canary"))).containsExactly("keep.txt");
        assertThat(work.resolve("canary/keep.txt")).hasContent("untouched");
        try (var left = Files.list(work)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("canary", zip.getFileName().toString());
        }
        assertThat(files(temp).stream().filter(f -> !f.startsWith("course/")))
                .containsExactlyInAnyOrder("work/canary/keep.txt", "work/" + zip.getFileName());
    }
}
