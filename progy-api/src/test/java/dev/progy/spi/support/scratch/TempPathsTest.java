package dev.progy.spi.support.scratch;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TempPathsTest {
    @TempDir
    Path tmp;

    @Test
    @DisplayName("new folders and files are private to their owner, fresh each time, and named as asked")
    void privateAndFresh() throws IOException {
        Set<Path> made = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Path dir = TempPaths.createDirectory(tmp, "progy-out-");
            Path file = TempPaths.createFile(tmp, ".state.", ".tmp");
            assertThat(made.add(dir)).isTrue();
            assertThat(made.add(file)).isTrue();
            assertThat(dir.getFileName().toString()).startsWith("progy-out-");
            assertThat(file.getFileName().toString()).startsWith(".state.").endsWith(".tmp");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(Files.size(file)).isZero();
        }
    }

    @Test
    @DisplayName("a name never leaves its folder, and a name taken already is never reused")
    void noEscapeNoReuse() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        assertThatThrownBy(() -> TempPaths.createFile(in, "../x", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TempPaths.createDirectory(in, "a/b")).isInstanceOf(IllegalArgumentException.class);
        // a link left where a name could fall is never written through: creation refuses anything already there
        Path target = Files.writeString(tmp.resolve("target"), "keep");
        for (int i = 0; i < 50; i++) {
            Path made = TempPaths.createFile(in, "f", "");
            Files.delete(made);
            Files.createSymbolicLink(made, target);
        }
        for (int i = 0; i < 50; i++) {
            assertThat(Files.isSymbolicLink(TempPaths.createFile(in, "f", ""))).isFalse();
        }
        assertThat(Files.readString(target)).isEqualTo("keep");
    }
}
