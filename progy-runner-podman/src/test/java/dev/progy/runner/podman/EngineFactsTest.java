package dev.progy.runner.podman;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** What a Podman service said of itself, kept per socket: used while the same service answers, asked again after. */
class EngineFactsTest {
    @TempDir
    Path tmp;

    private static final LibpodClient.Ping PING = new LibpodClient.Ping("4.3.1", "Libpod/4.3.1 (linux)");
    private static final EngineCheck FACTS = new EngineCheck("4.3.1", "4.3.1", true, false);

    private static ServerSocketChannel listen(Path socket) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return server;
    }

    @Test
    @DisplayName("kept for the same service; a service started anew (a new socket) or another version is asked again")
    void keptPerService() throws Exception {
        Path socket = tmp.resolve("podman.sock");
        Path file = tmp.resolve("cache/progy/podman-engine-x");
        String first;
        try (ServerSocketChannel s = listen(socket)) {
            first = EngineFacts.key(socket, PING).orElseThrow();
            EngineFacts.write(file, first, FACTS);
            assertThat(EngineFacts.read(file, first)).contains(FACTS);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            String upgraded = EngineFacts.key(socket, new LibpodClient.Ping("5.0.0", "Libpod/5.0.0 (linux)")).orElseThrow();
            assertThat(EngineFacts.read(file, upgraded)).isEmpty();
        }
        Files.delete(socket);
        Thread.sleep(20);
        try (ServerSocketChannel s = listen(socket)) {
            String restarted = EngineFacts.key(socket, PING).orElseThrow();
            assertThat(restarted).isNotEqualTo(first);
            assertThat(EngineFacts.read(file, restarted)).isEmpty();
        }
        // no socket there: nothing to key on, so nothing is kept or used
        Files.delete(socket);
        assertThat(EngineFacts.key(socket, PING)).isEmpty();
    }

    @Test
    @DisplayName("a damaged file or a link in its place is not believed")
    void damagedOrLinked() throws Exception {
        Path file = tmp.resolve("podman-engine-x");
        Files.writeString(file, "k\n4.3.1\n4.3.1\nmaybe\nfalse\n");
        assertThat(EngineFacts.read(file, "k")).isEmpty();
        Files.writeString(file, "k\n4.3.1\n");
        assertThat(EngineFacts.read(file, "k")).isEmpty();
        Path elsewhere = Files.writeString(tmp.resolve("planted"), "k\n4.3.1\n4.3.1\ntrue\ntrue\n");
        Files.delete(file);
        Files.createSymbolicLink(file, elsewhere);
        assertThat(EngineFacts.read(file, "k")).isEmpty();
    }
}
