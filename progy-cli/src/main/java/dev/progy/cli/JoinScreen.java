package dev.progy.cli;

import dev.progy.sync.live.ScreenText;

/**
 * What {@code progy join} prints, so the viewer's terminal follows the student's: it keeps the screen's text as the
 * room sent it, knows both window sizes, and when either changes it says whether the viewer's window is too small to
 * show the student's screen as they see it, and redraws the screen after the viewer's window changed (a terminal
 * does not redraw what an application drew for another size). Not thread-safe: the caller serialises its calls.
 */
final class JoinScreen {
    /** As much of the screen as the server keeps for a late viewer. */
    private static final int KEPT = 256 * 1024;

    private final ScreenText text = new ScreenText(KEPT);
    private TerminalMode.Size viewer;
    private TerminalMode.Size student;
    private boolean tooSmall;

    /** {@code viewer}: this terminal's size, or null when output is not a terminal (then nothing is redrawn or said). */
    JoinScreen(TerminalMode.Size viewer) {
        this.viewer = viewer;
    }

    /** The screen as it is now ({@code snap}): printed, and the sizes compared. */
    String snapshot(String d, int cols, int rows) {
        text.append(d);
        return d + sized(cols, rows);
    }

    /** Output that follows the snapshot ({@code o}). */
    String output(String d) {
        text.append(d);
        return d;
    }

    /** The student's window changed ({@code size}): their shell redraws what needs it; only the sizes are compared. */
    String studentResized(int cols, int rows) {
        return sized(cols, rows);
    }

    /** This terminal's window changed: the screen is drawn again from its kept text, then the sizes compared. */
    String viewerResized(TerminalMode.Size now) {
        if (viewer == null || now.equals(viewer)) {
            return "";
        }
        viewer = now;
        String redraw = text.length() > 0 ? text.redraw() : "";
        boolean was = tooSmall;
        tooSmall = false; // the redraw cleared any notice: say it again if it still holds
        String said = compare();
        if (was && !tooSmall) {
            said = JoinCommand.notice("Your window now fits the student's screen (" + student.cols() + "×"
                    + student.rows() + ").");
        }
        return redraw + said;
    }

    private String sized(int cols, int rows) {
        if (cols <= 0 || rows <= 0) {
            return "";
        }
        student = new TerminalMode.Size(cols, rows);
        boolean was = tooSmall;
        String said = compare();
        if (was && !tooSmall) {
            return JoinCommand.notice("Your window now fits the student's screen (" + cols + "×" + rows + ").");
        }
        return said;
    }

    /** A notice when the viewer's window became too small for the student's screen; nothing while that holds. */
    private String compare() {
        if (viewer == null || student == null) {
            return "";
        }
        boolean small = viewer.cols() < student.cols() || viewer.rows() < student.rows();
        if (small == tooSmall) {
            return "";
        }
        tooSmall = small;
        return small ? JoinCommand.notice("The student's terminal is " + student.cols() + "×" + student.rows()
                + ", this window " + viewer.cols() + "×" + viewer.rows() + ": make it at least " + student.cols()
                + "×" + student.rows() + " to see their screen as they do (it is redrawn when you do).") : "";
    }
}
