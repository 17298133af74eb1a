package dev.progy.sync.live;

/**
 * A room's output since the last full-screen reset ({@code ESC c}, {@code ESC[2J} with {@code ESC[H}, a switch
 * to or from the alternate screen), at most a given number of characters (the oldest dropped at a line boundary):
 * replayed into a fresh terminal, it redraws the current screen. The server keeps one per room for late viewers;
 * {@code progy share} keeps one of what it sent, to redraw the viewers' screens when it reconnects. Not thread-safe.
 */
public final class ScreenText {

    private static final String[] RESETS = {"\u001bc", "\u001b[H\u001b[2J", "\u001b[2J\u001b[H", "\u001b[?1049h",
            "\u001b[?1049l", "\u001b[?1047h", "\u001b[?1047l", "\u001b[?47h", "\u001b[?47l", "\u001b[3J\u001b[H\u001b[2J"};
    private static final int TAIL = 16;

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
        for (String r : RESETS) {
            int at = text.lastIndexOf(r);
            if (at >= from && at > reset) {
                reset = at;
            }
        }
        if (reset > 0) {
            text.delete(0, reset);
        }
        if (text.length() > cap) {
            int cut = text.length() - cap;
            int line = text.indexOf("\n", cut);
            text.delete(0, line < 0 || line - cut > 4096 ? cut : line + 1);
            if (text.length() > 0 && Character.isLowSurrogate(text.charAt(0))) {
                text.deleteCharAt(0);
            }
        }
    }

    /** What redraws the screen in a terminal in any state: a full reset, then the output kept. */
    public String redraw() {
        return "\u001bc" + text;
    }

    /** Characters kept. */
    public int length() {
        return text.length();
    }
}
