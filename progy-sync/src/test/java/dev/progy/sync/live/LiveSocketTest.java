package dev.progy.sync.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** What a live room's socket puts on the wire, seen by a socket that records the messages sent. */
class LiveSocketTest {

    /** Records each text message; every other call is refused, as none should be made. */
    private static final class Recorded implements WebSocket {
        final List<String> texts = new ArrayList<>();

        @Override
        public synchronized CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
            texts.add(data.toString());
            return CompletableFuture.completedFuture(this);
        }

        synchronized List<String> texts() {
            return List.copyOf(texts);
        }

        @Override
        public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public void request(long n) { }

        @Override
        public String getSubprotocol() {
            return "";
        }

        @Override
        public boolean isOutputClosed() {
            return false;
        }

        @Override
        public boolean isInputClosed() {
            return false;
        }

        @Override
        public void abort() { }
    }

    @Test
    @DisplayName("a screen's redraw of 300 000 characters goes out in messages under the server's 64 KiB, whole characters each, in order")
    void longOutputIsSplit() throws Exception {
        Recorded wire = new Recorded();
        LiveSocket socket = new LiveSocket();
        socket.attach(wire);
        StringBuilder screen = new StringBuilder("\u001bc");
        for (int i = 0; screen.length() < 300_000; i++) {
            screen.append("line ").append(i).append(" \u001b[1;31m😀 é\u001b[0m\r\n"); // escapes, a surrogate pair
        }
        socket.output("$ ");
        socket.output(screen.toString());
        socket.output("done\r\n");
        assertThat(socket.drain(10_000)).isTrue();

        ObjectMapper json = new ObjectMapper();
        StringBuilder received = new StringBuilder();
        for (String message : wire.texts()) {
            assertThat(message.getBytes(StandardCharsets.UTF_8).length).isLessThan(64 * 1024);
            JsonNode frame = json.readTree(message);
            assertThat(frame.path("t").asText()).isEqualTo("o");
            String d = frame.path("d").asText();
            assertThat(d.length()).isLessThanOrEqualTo(LiveSocket.MAX_OUTPUT_CHARS);
            assertThat(Character.isHighSurrogate(d.charAt(d.length() - 1))).as("a frame ends inside a character")
                    .isFalse();
            received.append(d);
        }
        assertThat(received.toString()).isEqualTo("$ " + screen + "done\r\n");
        assertThat(wire.texts()).hasSizeGreaterThan(300_000 / LiveSocket.MAX_OUTPUT_CHARS);
        socket.close();
    }
}
