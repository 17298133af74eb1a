package dev.progy.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What progy join prints as the student's and the viewer's windows change size. */
class JoinScreenTest {
    private static final TerminalMode.Size SMALL = new TerminalMode.Size(80, 24);
    private static final TerminalMode.Size LARGE = new TerminalMode.Size(140, 45);

    @Test
    @DisplayName("a viewer whose window is smaller than the student's is told both sizes once, and when it fits again")
    void tellsAViewerWhoseWindowIsTooSmall() {
        JoinScreen screen = new JoinScreen(SMALL);
        String first = screen.snapshot("\033[2J\033[HSCREEN", 120, 40);
        assertThat(first).startsWith("\033[2J\033[HSCREEN")
                .contains("The student's terminal is 120×40, this window 80×24: make it at least 120×40");
        assertThat(screen.output("more")).isEqualTo("more");
        // the same mismatch is not said again
        assertThat(screen.studentResized(130, 40)).isEmpty();
        // the student's window shrinks to fit: said once
        assertThat(screen.studentResized(80, 24)).contains("Your window now fits the student's screen (80×24).");
        assertThat(screen.studentResized(70, 20)).isEmpty();
    }

    @Test
    @DisplayName("when the viewer's window changes, the screen is drawn again from what the room sent since its last reset")
    void redrawsAfterTheViewersWindowChanged() {
        JoinScreen screen = new JoinScreen(SMALL);
        screen.snapshot("old\033[2J\033[Hfirst", 120, 40);
        screen.output(" second");
        String redraw = screen.viewerResized(LARGE);
        assertThat(redraw).startsWith("\033c").contains("first second").doesNotContain("old")
                .endsWith("Your window now fits the student's screen (120×40).\033[0m\r\n");
        // no change, nothing printed
        assertThat(screen.viewerResized(LARGE)).isEmpty();
        // too small again: redrawn, then said again after the redraw (which cleared the earlier notice)
        String again = screen.viewerResized(SMALL);
        assertThat(again.indexOf("first second")).isLessThan(again.indexOf("this window 80×24"));
    }

    @Test
    @DisplayName("output that is not a terminal is passed on unchanged, with nothing said about sizes")
    void notATerminal() {
        JoinScreen screen = new JoinScreen(null);
        assertThat(screen.snapshot("S", 300, 100)).isEqualTo("S");
        assertThat(screen.studentResized(10, 10)).isEmpty();
        assertThat(screen.viewerResized(LARGE)).isEmpty();
    }
}
