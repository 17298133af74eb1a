package dev.progy.spi.support.scratch;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicFilesTest {
    @TempDir
    Path tmp;

    @Test
    @DisplayName("a file is replaced whole at every durability, made private to its owner, its folder made if missing")
    void replacesWhole() throws IOException {
        Path file = tmp.resolve("a/b/state.json");
        for (AtomicFiles.Durability d : AtomicFiles.Durability.values()) {
            AtomicFiles.write(file, "first " + d, d);
            assertThat(Files.readString(file)).isEqualTo("first " + d);
            AtomicFiles.write(file, "second", d);
            assertThat(Files.readString(file)).isEqualTo("second");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(names(file.getParent())).containsExactly("state.json");
    }

    @Test
    @DisplayName("a write that fails leaves the file as it was and no temporary file beside it")
    void failureKeepsTheOld() throws IOException {
        Path file = tmp.resolve("kept.txt");
        AtomicFiles.write(file, "old", AtomicFiles.Durability.CONSISTENT);
        // the rename cannot put a file over a non-empty folder: the write fails after its temporary file is made
        Path folder = Files.createDirectories(tmp.resolve("folder"));
        Files.writeString(folder.resolve("inside"), "x");
        assertThatThrownBy(() -> AtomicFiles.write(folder, "new", AtomicFiles.Durability.CONSISTENT))
                .isInstanceOf(IOException.class);
        assertThat(Files.readString(file)).isEqualTo("old");
        assertThat(names(tmp)).containsExactly("folder", "kept.txt");
    }

    @Test
    @DisplayName("writeKeepingPrevious keeps the last good content beside the file as <name>.bak")
    void keepsThePrevious() throws IOException {
        Path file = tmp.resolve("progress.json");
        AtomicFiles.writeKeepingPrevious(file, "1".getBytes(), AtomicFiles.Durability.DURABLE);
        assertThat(AtomicFiles.previousCopy(file)).doesNotExist();
        AtomicFiles.writeKeepingPrevious(file, "2".getBytes(), AtomicFiles.Durability.DURABLE);
        AtomicFiles.writeKeepingPrevious(file, "3".getBytes(), AtomicFiles.Durability.DURABLE);
        assertThat(Files.readString(file)).isEqualTo("3");
        assertThat(Files.readString(AtomicFiles.previousCopy(file))).isEqualTo("2");
    }

    @Test
    @DisplayName("removeStrayTemps takes only the temporary files of the file named, which a crashed writer left")
    void straysOfOneFile() throws IOException {
        Path file = tmp.resolve("state.json");
        Files.writeString(tmp.resolve(".state.json.123.tmp"), "torn");
        Files.writeString(tmp.resolve(".other.json.123.tmp"), "someone else's");
        AtomicFiles.write(file, "good", AtomicFiles.Durability.CACHE);
        AtomicFiles.removeStrayTemps(file);
        assertThat(names(tmp)).containsExactly(".other.json.123.tmp", "state.json");
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
