package dev.progy.sync.live;

/**
 * A terminal's output since the last full-screen reset ({@code ESC c}, {@code ESC[2J} with {@code ESC[H}, a switch
 * to or from the alternate screen), at most a given number of characters (the oldest dropped at a line boundary):
 * replayed into a fresh terminal, it redraws the current screen. The server keeps one per room for late viewers;
 * {@code progy share} keeps the same as bytes ({@link ScreenBytes}), decoded only for a redraw. Not thread-safe.
 *
 * <p>It sits on the path of everything a shared terminal prints, so an append costs only the length of what is
 * appended: resets are looked for in the new text alone (one pass over its escape characters), and the kept text is
 * trimmed only when it has grown a quarter past the cap, not on every append.
 */
public final class ScreenText {

    static final String[] RESETS = {"\u001bc", "\u001b[H\u001b[2J", "\u001b[2J\u001b[H", "\u001b[?1049h",
            "\u001b[?1049l", "\u001b[?1047h", "\u001b[?1047l", "\u001b[?47h", "\u001b[?47l", "\u001b[3J\u001b[H\u001b[2J"};
    /** The longest reset: a reset split between two appends is found when the second one comes. */
    static final int TAIL = 16;

    private final int cap;
    private final StringBuilder text = new StringBuilder();

    /** Keeps at most {@code cap} characters. */
    public ScreenText(int cap) {
        this.cap = cap;
    }

    /** Adds output as the terminal got it. */
    public void append(String d) {
        int from = Math.max(0, text.length() - TAIL);
        text.append(d);
        int reset = -1;
        for (int i = text.indexOf("\u001b", from); i >= 0; i = text.indexOf("\u001b", i + 1)) {
            if (isReset(i)) {
                reset = i;
            }
        }
        if (reset > 0) {
            text.delete(0, reset);
        }
        if (text.length() > cap + cap / 4) {
            text.delete(0, start());
        }
    }

    private boolean isReset(int at) {
        for (String r : RESETS) {
            if (at + r.length() <= text.length() && matches(at, r)) {
                return true;
            }
        }
        return false;
    }

    private boolean matches(int at, String r) {
        for (int k = 0; k < r.length(); k++) {
            if (text.charAt(at + k) != r.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Where the last {@code cap} characters start: at a line boundary when one is near, never inside a pair. */
    private int start() {
        if (text.length() <= cap) {
            return 0;
        }
        int cut = text.length() - cap;
        int line = text.indexOf("\n", cut);
        int start = line < 0 || line - cut > 4096 ? cut : line + 1;
        if (start < text.length() && Character.isLowSurrogate(text.charAt(start))) {
            start++;
        }
        return start;
    }

    /** What redraws the screen in a terminal in any state: a full reset, then the output kept (at most the cap). */
    public String redraw() {
        return "\u001bc" + text.substring(start());
    }

    /** Characters a redraw replays after its reset. */
    public int length() {
        return text.length() - start();
    }
}
