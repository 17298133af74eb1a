package dev.progy.spi.support;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class IoFailuresTest {

    @TempDir
    Path tmp;

    @Test
    @DisplayName("a file failure names the file and what is wrong, in words, never the exception's class")
    void files() throws IOException {
        assertThat(IoFailures.describe(new NoSuchFileException("/srv/a.progy"))).isEqualTo("/srv/a.progy does not exist");
        assertThat(IoFailures.describe(new AccessDeniedException("/srv/a.progy")))
                .isEqualTo("/srv/a.progy is not writable or not readable: permission denied");
        assertThat(IoFailures.describe(new FileSystemException("/srv/x/a.progy", null, "Not a directory")))
                .isEqualTo("/srv/x/a.progy: not a directory");
        assertThat(IoFailures.describe(new FileSystemException("/srv/a.progy", null, "No space left on device")))
                .isEqualTo("/srv/a.progy could not be written: the disk is full");
        Path file = Files.writeString(tmp.resolve("notes.txt"), "x");
        assertThat(IoFailures.describe(new FileAlreadyExistsException(file.toString())))
                .isEqualTo(file + " already exists, as a file");
    }

    @Test
    @DisplayName("a network failure says what happened; a message with a class name in front loses it")
    void network() {
        assertThat(IoFailures.describe(new ConnectException("Connection refused"))).contains("nothing answered");
        assertThat(IoFailures.describe(new UnknownHostException("nohost.example"))).contains("nohost.example is not known");
        assertThat(IoFailures.describe(new HttpConnectTimeoutException("timed out"))).contains("did not answer in time");
        assertThat(IoFailures.describe(new IOException("java.net.SocketException: Broken pipe"))).isEqualTo("Broken pipe");
        assertThat(IoFailures.describe(new UncheckedIOException(new NoSuchFileException("/a")))).isEqualTo("/a does not exist");
        assertThat(IoFailures.describe(new IOException((String) null))).doesNotContain("Exception");
    }
}
