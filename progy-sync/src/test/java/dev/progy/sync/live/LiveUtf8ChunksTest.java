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

    @Test
    @DisplayName("any text read in pieces of any size comes out whole; malformed bytes read at once as the JDK's decoder reads them")
    void randomPieces() throws Exception {
        java.util.Random random = new java.util.Random(17);
        String[] alphabet = {"a", "Z", " ", "\r\n", "\u001b[1;31m", "é", "ß", "€", "中", "😀", "🇫🇷"};
        for (int round = 0; round < 2_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(200); i > 0; i--) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            Utf8Chunks chunks = new Utf8Chunks();
            StringBuilder out = new StringBuilder();
            for (int at = 0; at < bytes.length; ) {
                int n = Math.min(bytes.length - at, 1 + random.nextInt(random.nextBoolean() ? 4 : 64));
                out.append(chunks.decode(java.util.Arrays.copyOfRange(bytes, at, at + n), n));
                at += n;
            }
            assertThat(out.append(chunks.finish()).toString()).isEqualTo(text.toString());

            byte[] broken = bytes.clone();
            for (int i = 0; i < broken.length / 10; i++) {
                broken[random.nextInt(broken.length)] = (byte) random.nextInt(256);
            }
            java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE);
            Utf8Chunks once = new Utf8Chunks();
            assertThat(once.decode(broken, broken.length) + once.finish())
                    .isEqualTo(decoder.decode(java.nio.ByteBuffer.wrap(broken)).toString());
        }
    }
}
