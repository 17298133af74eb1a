package dev.progy.internal.archive;

import dev.progy.ArchiveContents;
import dev.progy.model.ArchiveLimits;
import dev.progy.error.ArchiveRejectedException;
import dev.progy.CourseArchive;
import dev.progy.error.ProgyException;
import dev.progy.error.UnsafePathException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@DisplayName("A .progy archive")
class CourseArchiveTest {

    @TempDir
    Path temp;

    @Test
    @DisplayName("unpacks to exactly the files that were packed, with the same bytes")
    void roundTrip() throws IOException {
        Path course = sampleCourse(temp.resolve("course"));
        Files.write(course.resolve("assets/logo.bin"), randomBytes(300_000));
        Path archive = temp.resolve("course.progy");

        CourseArchive.pack(course, archive);
        Path unpacked = temp.resolve("unpacked");
        CourseArchive.unpack(archive, unpacked);

        assertThat(files(unpacked)).isEqualTo(files(course));
        for (String f : files(course)) {
            assertThat(unpacked.resolve(f)).hasSameBinaryContentAs(course.resolve(f));
        }
    }

    @Test
    @DisplayName("reads in place, without unpacking, to exactly the files that were packed, with the same bytes")
    void readInPlace() throws IOException {
        Path course = sampleCourse(temp.resolve("course"));
        Files.write(course.resolve("assets/logo.bin"), randomBytes(300_000));
        Path archive = Files.createDirectories(temp.resolve("shelf")).resolve("course.progy");
        CourseArchive.pack(course, archive);
        String before = CourseArchive.sha256(archive);

        try (ArchiveContents contents = ArchiveContents.open(archive, ArchiveLimits.DEFAULT)) {
            assertThat(files(contents.root())).isEqualTo(files(course));
            for (String f : files(course)) {
                assertThat(Files.readAllBytes(contents.root().resolve(f))).isEqualTo(Files.readAllBytes(course.resolve(f)));
            }
        }
        try (Stream<Path> shelf = Files.list(archive.getParent())) {
            assertThat(shelf).containsExactly(archive);
        }
        assertThat(CourseArchive.sha256(archive)).as("reading never rewrites the archive").isEqualTo(before);
    }

    @Test
    @DisplayName("packs the same folder to the same bytes twice, even after its files were touched")
    void deterministic() throws IOException {
        Path course = sampleCourse(temp.resolve("course"));
        Path first = temp.resolve("first.progy");
        Path second = temp.resolve("second.progy");

        CourseArchive.pack(course, first);
        try (Stream<Path> all = Files.walk(course)) {
            for (Path p : all.toList()) {
                Files.setLastModifiedTime(p, FileTime.from(Instant.parse("2031-07-04T12:34:56Z")));
            }
        }
        CourseArchive.pack(course, second);

        assertThat(second).hasSameBinaryContentAs(first);
        assertThat(CourseArchive.sha256(second)).isEqualTo(CourseArchive.sha256(first)).matches("[0-9a-f]{64}");
    }

    @Test
    @DisplayName("leaves out build output, dependencies, version control and Progy state at any depth")
    void exclusions() throws IOException {
        Path course = sampleCourse(temp.resolve("course"));
        for (String junk : List.of("target/classes/A.class", "node_modules/x/index.js", ".git/HEAD", ".DS_Store",
                ".next/cache", "dist/bundle.js", ".progy/progress.json", "content/01_basics/target/out.txt",
                "content/01_basics/01_hello/.DS_Store")) {
            write(course.resolve(junk), "junk");
        }
        write(course.resolve("content/01_basics/targets.md"), "kept: only exact segment names are excluded");
        Path archive = temp.resolve("course.progy");

        CourseArchive.pack(course, archive);

        assertThat(entryNames(archive)).containsExactly("content/01_basics/01_hello/README.md",
                "content/01_basics/01_hello/exercise.py", "content/01_basics/info.toml",
                "content/01_basics/targets.md", "course.json", "runner/run.sh");
    }

    @Test
    @DisplayName("is readable by ordinary zip tools, with forward-slash paths relative to the course")
    void standardZip() throws IOException {
        Path course = sampleCourse(temp.resolve("course"));
        Path archive = temp.resolve("course.progy");
        CourseArchive.pack(course, archive);

        try (ZipFile zip = new ZipFile(archive.toFile())) {
            ZipEntry json = zip.getEntry("course.json");
            assertThat(new String(zip.getInputStream(json).readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo(Files.readString(course.resolve("course.json")));
            assertThat(json.getLastModifiedTime().toInstant().toString()).startsWith("1980-02-0");
        }
    }

    @Test
    @DisplayName("keeps a runner script executable")
    void executableBit() throws IOException {
        Path course = sampleCourse(temp.resolve("course"));
        assumeTrue(Files.getFileStore(course).supportsFileAttributeView("posix"));
        Files.setPosixFilePermissions(course.resolve("runner/run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
        Path archive = temp.resolve("course.progy");

        CourseArchive.pack(course, archive);
        CourseArchive.unpack(archive, temp.resolve("unpacked"));

        assertThat(Files.isExecutable(temp.resolve("unpacked/runner/run.sh"))).isTrue();
        assertThat(Files.isExecutable(temp.resolve("unpacked/course.json"))).isFalse();
    }

    @Test
    @DisplayName("written inside the course folder, does not pack an earlier copy of itself")
    void notIntoItself() throws IOException {
        Path course = sampleCourse(temp.resolve("course"));
        Path archive = course.resolve("course.progy");

        CourseArchive.pack(course, archive);
        byte[] first = Files.readAllBytes(archive);
        CourseArchive.pack(course, archive);

        assertThat(entryNames(archive)).doesNotContain("course.progy");
        assertThat(Files.readAllBytes(archive)).isEqualTo(first);
        try (Stream<Path> siblings = Files.list(course)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    @DisplayName("refuses a folder without course.json")
    void notACourse() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("photos"));
        write(folder.resolve("cat.jpg"), "meow");

        assertThatThrownBy(() -> CourseArchive.pack(folder, temp.resolve("out.progy")))
                .isInstanceOf(ProgyException.class).hasMessageContaining("no course.json");
        assertThat(temp.resolve("out.progy")).doesNotExist();
    }

    @Test
    @DisplayName("refuses a link that points outside the course, as an unsafe path")
    void linkOutside() throws IOException {
        Path course = sampleCourse(temp.resolve("course"));
        Path secret = write(temp.resolve("secret.txt"), "password");
        Files.createSymbolicLink(course.resolve("content/leak.txt"), secret);

        assertThatThrownBy(() -> CourseArchive.pack(course, temp.resolve("out.progy")))
                .isInstanceOf(UnsafePathException.class)
                .hasMessageContaining("content/leak.txt").hasMessageContaining("outside the course");
        assertThat(temp.resolve("out.progy")).doesNotExist();
    }

    @Test
    @DisplayName("refuses a link inside the course, naming it, since unpacking would refuse it")
    void linkInside() throws IOException {
        Path course = sampleCourse(temp.resolve("course"));
        Files.createSymbolicLink(course.resolve("runner/again.sh"), Path.of("run.sh"));

        assertThatThrownBy(() -> CourseArchive.pack(course, temp.resolve("out.progy")))
                .isInstanceOf(ProgyException.class).isNotInstanceOf(UnsafePathException.class)
                .hasMessageContaining("runner/again.sh").hasMessageContaining("is a link");
    }

    @Test
    @DisplayName("ignores links inside excluded folders such as node_modules/.bin")
    void linksInExcludedFolders() throws IOException {
        Path course = sampleCourse(temp.resolve("course"));
        Files.createDirectories(course.resolve("node_modules/.bin"));
        Files.createSymbolicLink(course.resolve("node_modules/.bin/tool"), Path.of("/usr/bin/env"));

        CourseArchive.pack(course, temp.resolve("out.progy"));

        assertThat(entryNames(temp.resolve("out.progy"))).noneMatch(n -> n.startsWith("node_modules"));
    }

    @Test
    @DisplayName("will not unpack over a folder that already has files")
    void occupiedTarget() throws IOException {
        Path course = sampleCourse(temp.resolve("course"));
        Path archive = temp.resolve("course.progy");
        CourseArchive.pack(course, archive);
        Path target = temp.resolve("target");
        write(target.resolve("mine.txt"), "my work");

        assertThatThrownBy(() -> CourseArchive.unpack(archive, target))
                .isInstanceOf(ProgyException.class).hasMessageContaining("not an empty folder");
        assertThat(files(target)).containsExactly("mine.txt");
    }

    @Test
    @DisplayName("unpacks an archive made by another zip tool, with folder entries and data descriptors")
    void foreignZip() throws IOException {
        Path archive = new HostileZip(temp.resolve("foreign.zip"))
                .folder("content/").file("content/a.txt", "alpha").file("course.json", "{}").write();

        CourseArchive.unpack(archive, temp.resolve("out"));

        assertThat(files(temp.resolve("out"))).containsExactly("content/a.txt", "course.json");
        assertThat(temp.resolve("out/content/a.txt")).hasContent("alpha");
    }

    @Test
    @DisplayName("refuses an archive that was damaged after packing, naming the entry")
    void damaged() throws IOException {
        Path course = sampleCourse(temp.resolve("course"));
        Files.write(course.resolve("assets/logo.bin"), randomBytes(10_000));
        Path archive = temp.resolve("course.progy");
        CourseArchive.pack(course, archive);
        byte[] bytes = Files.readAllBytes(archive);
        int inLogo = indexOf(bytes, "assets/logo.bin".getBytes(StandardCharsets.UTF_8)) + 100;
        bytes[inLogo] ^= 0x55;
        Files.write(archive, bytes);

        assertThatThrownBy(() -> CourseArchive.unpack(archive, temp.resolve("out")))
                .isInstanceOf(ArchiveRejectedException.class)
                .hasMessageContaining("assets/logo.bin").hasMessageContaining("checksum");
        assertThat(temp.resolve("out")).doesNotExist();
    }

    static Path sampleCourse(Path root) throws IOException {
        write(root.resolve("course.json"), """
                {"id": "sample", "name": "Sample", "version": "1.0.0",
                 "runners": [{"id": "py", "command": "python3", "args": ["{{exercise}}"]}]}
                """);
        write(root.resolve("content/01_basics/info.toml"), "[module]\ntitle = \"Basics\"\n");
        write(root.resolve("content/01_basics/01_hello/README.md"), "# Hello\n\nPrint hello.\n");
        write(root.resolve("content/01_basics/01_hello/exercise.py"), "print('hello')\n");
        write(root.resolve("runner/run.sh"), "#!/bin/sh\nexec python3 \"$@\"\n");
        Files.createDirectories(root.resolve("assets"));
        return root;
    }

    static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    static List<String> files(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            List<String> names = new ArrayList<>(all.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/')).toList());
            Collections.sort(names);
            return names;
        }
    }

    private static List<String> entryNames(Path archive) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            return zip.stream().map(ZipEntry::getName).toList();
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new java.util.Random(42).nextBytes(b);
        return b;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
