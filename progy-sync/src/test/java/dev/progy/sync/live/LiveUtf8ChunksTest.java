package dev.progy.sync.live;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LiveUtf8ChunksTest {
    @Test
    @DisplayName("a character split across reads is kept whole for the next chunk, at every split point")
    void splitCharacters() {
        String text = "é€😀 ok";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= bytes.length; cut++) {
            Utf8Chunks chunks = new Utf8Chunks();
            byte[] first = java.util.Arrays.copyOfRange(bytes, 0, cut);
            byte[] second = java.util.Arrays.copyOfRange(bytes, cut, bytes.length);
            String a = chunks.decode(first, first.length);
            String b = chunks.decode(second, second.length);
            assertThat(a + b + chunks.finish()).as("cut at " + cut).isEqualTo(text);
            assertThat(a).doesNotContain("\uFFFD");
        }
    }

    @Test
    @DisplayName("bytes that are not UTF-8 become U+FFFD, and an unfinished character at the end too")
    void malformed() {
        Utf8Chunks chunks = new Utf8Chunks();
        assertThat(chunks.decode(new byte[] {'a', (byte) 0xff, 'b'}, 3)).isEqualTo("a\uFFFDb");
        assertThat(chunks.decode(new byte[] {(byte) 0xe2, (byte) 0x82}, 2)).isEmpty();
        assertThat(chunks.finish()).isEqualTo("\uFFFD");
    }
}
