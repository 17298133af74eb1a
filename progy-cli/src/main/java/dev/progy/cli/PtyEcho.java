package dev.progy.cli;

import com.sun.jna.Native;
import com.sun.jna.Platform;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Whether a pseudo-terminal is at a password prompt: its echo is off while it still reads whole lines (canonical
 * mode), as {@code sudo}, {@code passwd}, {@code ssh}, {@code read -s} and Python's getpass set it. A full-screen
 * editor or a shell's line editor turns echo off too, but also canonical mode: that is not a secret. Read with
 * {@code tcgetattr} on the pseudo-terminal's master side, which tells the settings of its slave side.
 */
final class PtyEcho {
    /** Bound directly (JNA's direct mapping): it is called for every read of the shared terminal. */
    private static final class C {
        static native int tcgetattr(int fd, byte[] termios);
    }

    private static final boolean LIBC = load();
    private static final int ECHO = 0x8;
    private static final int ICANON = Platform.isMac() ? 0x100 : 0x2;
    /** Where c_lflag is in struct termios: four 32-bit flags on Linux, four unsigned longs on macOS and the BSDs. */
    private static final boolean LONG_FLAGS = Platform.isMac() || Platform.isFreeBSD() || Platform.isOpenBSD();

    private PtyEcho() { }

    private static boolean load() {
        try {
            Native.register(C.class, Platform.C_LIBRARY_NAME);
            return true;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false;
        }
    }

    /** Whether {@code fd}'s terminal has echo off in canonical mode; false when it cannot be told. */
    static boolean secretPrompt(int fd) {
        if (!LIBC || fd < 0) {
            return false;
        }
        byte[] termios = new byte[256];
        if (C.tcgetattr(fd, termios) != 0) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(termios).order(ByteOrder.nativeOrder());
        long lflag = LONG_FLAGS ? b.getLong(24) : b.getInt(12) & 0xFFFFFFFFL;
        return (lflag & ECHO) == 0 && (lflag & ICANON) != 0;
    }
}
