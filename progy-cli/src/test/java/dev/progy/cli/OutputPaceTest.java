package dev.progy.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;

import static org.assertj.core.api.Assertions.assertThat;

/** What of a shared terminal's output streams to the room, and the redraws that replace a flood, on a clock of its own. */
class OutputPaceTest {
    private static final long MS = 1_000_000L;
    private static final long BUDGET = 512 * 1024; // half the server's default live-max-bytes
    private static final int FRAME = 16 * 1024;

    /** Everything given to the room, as (time, bytes): no second may hold more than the budget. */
    private final Deque<long[]> sent = new ArrayDeque<>();

    private void assertNoSecondOverBudget() {
        long[][] all = sent.toArray(long[][]::new);
        for (int i = 0; i < all.length; i++) {
            long sum = 0;
            for (int j = i; j < all.length && all[j][0] < all[i][0] + 1000 * MS; j++) {
                sum += all[j][1];
            }
            // a server second overlaps at most two of the pace's: what it gets is at most twice the budget
            assertThat(sum).as("bytes within the second from %d ms", all[i][0] / MS).isLessThanOrEqualTo(2 * BUDGET);
        }
    }

    @Test
    @DisplayName("calm output streams as it comes: a prompt, a command's lines, a 20 KB file shown at once")
    void calmOutputStreams() {
        OutputPace pace = new OutputPace(BUDGET, 0);
        long t = 0;
        for (int i = 0; i < 50; i++) {
            assertThat(pace.stream(80, t += 30 * MS)).isTrue();
        }
        t += 500 * MS;
        for (int i = 0; i < 5; i++) {
            assertThat(pace.stream(4095, t)).as("read %d of a 20 KB file", i).isTrue();
        }
        assertThat(pace.holding()).isFalse();
        assertThat(pace.redrawDue(() -> 20_000, FRAME, t + 200 * MS)).isZero();
    }

    @Test
    @DisplayName("a flood is held back after a burst; while it lasts the room gets a frame about a screen long every 250 ms, and the whole screen once it stops, then output streams again")
    void floodGivesFramesThenTheScreen() {
        OutputPace pace = new OutputPace(BUDGET, 0);
        long t = 0;
        long streamed = 0;
        int frames = 0;
        long kept = 0;
        // 3 s of 4 KiB reads every 100 µs: 120 MB, as yes prints through a terminal
        for (int i = 0; i < 30_000; i++) {
            t += 100_000;
            kept = Math.min(256 * 1024, kept + 4096);
            if (pace.stream(4096, t)) {
                streamed += 4096;
                sent.add(new long[] {t, 4096});
            } else {
                long keptNow = kept;
                int redraw = pace.redrawDue(() -> keptNow, FRAME, t);
                if (redraw > 0) {
                    assertThat(redraw).as("a frame of the flood").isEqualTo(FRAME);
                    frames++;
                    sent.add(new long[] {t, redraw});
                }
            }
        }
        assertThat(streamed).as("the flood's first burst only").isLessThanOrEqualTo(OutputPace.MAX_BURST);
        assertThat(frames).as("a frame every 250 ms of 3 s").isBetween(11, 12);
        assertThat(pace.holding()).isTrue();
        long keptAtEnd = kept;
        assertThat(pace.redrawDue(() -> keptAtEnd, FRAME, t + 50 * MS)).as("not quiet yet: a frame at most").isIn(0, FRAME);
        int last = pace.redrawDue(() -> keptAtEnd, FRAME, t + 100 * MS);
        assertThat(last).as("the whole screen once the output stops").isEqualTo(256 * 1024);
        sent.add(new long[] {t + 100 * MS, last});
        assertThat(pace.holding()).isFalse();
        assertThat(pace.stream(100, t + 150 * MS)).as("calm again: streams").isTrue();
        assertNoSecondOverBudget();
    }

    @Test
    @DisplayName("the second's budget holds: output past it is held back, and a redraw waits for the next second when this one has no room for it")
    void budgetHolds() {
        long budget = 10_000; // a room of 20 000 bytes a second
        OutputPace pace = new OutputPace(budget, 0);
        long t = 0;
        long streamed = 0;
        for (int i = 0; i < 25; i++) { // 500 bytes every 30 ms: under the burst, over the second's budget
            t += 30 * MS;
            if (pace.stream(500, t)) {
                streamed += 500;
            }
        }
        assertThat(streamed).isEqualTo(budget);
        assertThat(pace.holding()).isTrue();
        assertThat(pace.redrawDue(() -> 5_000, 4096, t + 150 * MS)).as("no room left in this second").isZero();
        assertThat(pace.redrawDue(() -> 5_000, 4096, 1_000 * MS + 1)).as("the next second").isEqualTo(5_000);
    }

    @Test
    @DisplayName("a room without a limit gets everything as it comes")
    void noLimitStreamsAll() {
        OutputPace pace = new OutputPace(0, 0);
        for (int i = 0; i < 10_000; i++) {
            assertThat(pace.stream(4096, i * 100_000L)).isTrue();
        }
        assertThat(pace.holding()).isFalse();
    }
}
