package dev.progy.sync.live;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The screen kept as bytes redraws what the same output kept as text redraws. */
class ScreenBytesTest {

    private static void append(ScreenBytes s, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        s.append(b, b.length);
    }

    @Test
    @DisplayName("a redraw is a full reset, then what was printed since the last full-screen reset, however it was read")
    void sameAsTheText() {
        Random random = new Random(3);
        String[] pieces = {"$ ls\r\n", "README.md\r\n", "é€😀\r\n", "\u001b[31mred\u001b[0m", "\u001b[H\u001b[2J",
            "\u001bc", "\u001b[?1049hEDITOR", "\u001b[?1049l", "\u001b[2K\u001b[Hhome", "x"};
        for (int round = 0; round < 500; round++) {
            ScreenText text = new ScreenText(1_000_000);
            ScreenBytes bytes = new ScreenBytes(1_000_000);
            StringBuilder all = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                all.append(pieces[random.nextInt(pieces.length)]);
            }
            text.append(all.toString());
            byte[] b = all.toString().getBytes(StandardCharsets.UTF_8);
            for (int at = 0; at < b.length; ) { // in reads of 1 to 8 bytes: resets and characters split between them
                int n = Math.min(b.length - at, 1 + random.nextInt(8));
                bytes.append(java.util.Arrays.copyOfRange(b, at, at + n), n);
                at += n;
            }
            assertThat(bytes.redraw().text()).isEqualTo(text.redraw());
        }
    }

    @Test
    @DisplayName("at most the cap is redrawn, from a line boundary and a whole character, however much was printed")
    void capped() {
        ScreenBytes s = new ScreenBytes(100);
        for (int i = 0; i < 100_000; i++) {
            append(s, "ligne é " + i + "\r\n");
        }
        String redraw = s.redraw().text();
        assertThat(redraw.getBytes(StandardCharsets.UTF_8).length - 2).isLessThanOrEqualTo(100);
        assertThat(redraw).startsWith("\u001bcligne é ").endsWith("ligne é 99999\r\n").doesNotContain("\uFFFD");
        assertThat(s.length()).isEqualTo(redraw.getBytes(StandardCharsets.UTF_8).length - 2);

        ScreenBytes oneLine = new ScreenBytes(10);
        append(oneLine, "€".repeat(100)); // no line boundary near: cut at a character's start
        assertThat(oneLine.redraw().text()).isEqualTo("\u001bc" + "€".repeat(3));
    }

    @Test
    @DisplayName("a frame of a flood replays at most its size: the last lines, or from the last reset when it is among them")
    void frames() {
        ScreenBytes s = new ScreenBytes(256 * 1024);
        for (int i = 0; i < 200_000; i++) {
            append(s, "flood line " + i + "\r\n");
        }
        String frame = s.redraw(4096).text();
        assertThat(frame.length() - 2).isLessThanOrEqualTo(4096);
        assertThat(frame).startsWith("\u001bcflood line ").endsWith("flood line 199999\r\n");
        assertThat(s.redraw().text().length() - 2).as("the whole redraw: the cap").isGreaterThan(250 * 1024)
                .isLessThanOrEqualTo(256 * 1024);

        append(s, "\u001b[?1049h\u001b[Htop of an editor\r\n");
        append(s, "x".repeat(1000));
        assertThat(s.redraw(4096).text()).isEqualTo("\u001bc\u001b[?1049h\u001b[Htop of an editor\r\n" + "x".repeat(1000));
        assertThat(s.redraw().text()).as("the same from the reset on").isEqualTo(s.redraw(4096).text());
        assertThat(s.length()).isEqualTo(s.redraw().text().length() - 2);
    }

    @Test
    @DisplayName("a character split at the end of what was kept is finished by the output that follows the redraw")
    void decoderReadsOn() {
        ScreenBytes s = new ScreenBytes(1000);
        byte[] smile = "a😀b".getBytes(StandardCharsets.UTF_8);
        s.append(smile, 3); // 'a' and half the emoji
        ScreenBytes.Redraw r = s.redraw();
        assertThat(r.text()).isEqualTo("\u001bca");
        assertThat(r.decoder().decode(java.util.Arrays.copyOfRange(smile, 3, smile.length), smile.length - 3))
                .isEqualTo("😀b");
    }
}
