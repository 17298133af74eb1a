package dev.progy.sync.live;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScreenTextTest {

    @Test
    @DisplayName("a redraw is a full reset, then what was printed since the last full-screen reset")
    void keepsSinceTheLastReset() {
        ScreenText s = new ScreenText(1000);
        s.append("$ ls\r\nREADME.md\r\n");
        assertThat(s.redraw()).isEqualTo("\u001bc$ ls\r\nREADME.md\r\n");
        s.append("$ clear\r\n\u001b[H\u001b[2J$ vim");
        assertThat(s.redraw()).isEqualTo("\u001bc\u001b[H\u001b[2J$ vim");
        s.append("\u001b[?1049hEDITOR\u001b[1;1H~");
        assertThat(s.redraw()).isEqualTo("\u001bc\u001b[?1049hEDITOR\u001b[1;1H~");
    }

    @Test
    @DisplayName("a reset split between two pieces of output is still found")
    void resetAcrossAppends() {
        ScreenText s = new ScreenText(1000);
        s.append("old screen\r\n\u001b[H\u001b");
        s.append("[2Jnew screen");
        assertThat(s.redraw()).isEqualTo("\u001bc\u001b[H\u001b[2Jnew screen");
    }

    @Test
    @DisplayName("colours and cursor moves are not resets: they are kept")
    void otherEscapesStay() {
        ScreenText s = new ScreenText(1000);
        s.append("\u001b[31mred\u001b[0m \u001b[2K\u001b[Hhome");
        assertThat(s.redraw()).isEqualTo("\u001bc\u001b[31mred\u001b[0m \u001b[2K\u001b[Hhome");
    }

    @Test
    @DisplayName("at most the cap is redrawn, starting at a line boundary, however much was printed")
    void capped() {
        ScreenText s = new ScreenText(100);
        for (int i = 0; i < 1000; i++) {
            s.append("line " + i + "\r\n");
        }
        String redraw = s.redraw();
        assertThat(redraw.length() - 2).isLessThanOrEqualTo(100);
        assertThat(redraw).startsWith("\u001bcline ").endsWith("line 999\r\n");
        assertThat(s.length()).isEqualTo(redraw.length() - 2);
    }
}
