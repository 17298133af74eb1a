package dev.progy.cli;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * Whether a pseudo-terminal is at a password prompt: its echo is off while it still reads whole lines (canonical
 * mode), as {@code sudo}, {@code passwd}, {@code ssh}, {@code read -s} and Python's getpass set it. A full-screen
 * editor or a shell's line editor turns echo off too, but also canonical mode: that is not a secret. Read with
 * {@code tcgetattr} on the pseudo-terminal's master side, which tells the settings of its slave side. One per shared
 * terminal, asked by its reading thread, into a native buffer kept for the session (a Java array would be copied to
 * native memory and back at each call).
 */
final class PtyEcho {
    /** Bound directly (JNA's direct mapping): it is called for every read of the shared terminal. */
    private static final class C {
        static native int tcgetattr(int fd, Pointer termios);
    }

    private static final boolean LIBC = load();
    private static final int ECHO = 0x8;
    private static final int ICANON = Platform.isMac() ? 0x100 : 0x2;
    /** Where c_lflag is in struct termios: four 32-bit flags on Linux, four unsigned longs on macOS and the BSDs. */
    private static final boolean LONG_FLAGS = Platform.isMac() || Platform.isFreeBSD() || Platform.isOpenBSD();

    /** How long a "no" is trusted in a flood of output, while no key is typed: shorter than starting a program (stty). */
    static final long TRUSTED_NANOS = 250_000;
    /** A read this large says the output floods in (a terminal read returns at most ≈ 4 KiB). */
    static final int FLOOD_READ = 2048;

    private final int fd;
    private final Memory termios;
    private volatile boolean keyed;
    private boolean secret;
    private int lastRead;
    private long askedAt = System.nanoTime() - TRUSTED_NANOS;

    /** Asks about master file descriptor {@code fd}; a negative one (no pseudo-terminal of its own) is never at a prompt. */
    PtyEcho(int fd) {
        this.fd = fd;
        this.termios = LIBC && fd >= 0 ? new Memory(256) : null;
    }

    private static boolean load() {
        try {
            Native.register(C.class, Platform.C_LIBRARY_NAME);
            return true;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false;
        }
    }

    /**
     * Whether the terminal has echo off in canonical mode, once {@code read} more bytes were read; false when it
     * cannot be told. Asked of the terminal after every read, except in a flood of output: after a read of at least
     * {@link #FLOOD_READ} bytes, a "no" is trusted for {@link #TRUSTED_NANOS} unless a key was typed since
     * ({@link #keyTyped}). A "yes" is never trusted, and output that follows a key or a small read (a prompt,
     * what a command prints in answer) is always judged afresh. Asking after each of the ≈ 13 000 reads of a command
     * printing 50 MB slowed it by ≈ 8 % (benchmarks/README.md).
     */
    boolean secretPrompt(int read) {
        if (termios == null) {
            return false;
        }
        long now = System.nanoTime();
        boolean flood = lastRead >= FLOOD_READ;
        lastRead = read;
        if (flood && !secret && !keyed && now - askedAt < TRUSTED_NANOS) {
            return false;
        }
        keyed = false;
        askedAt = now;
        secret = C.tcgetattr(fd, termios) == 0 && atPrompt();
        return secret;
    }

    /** A key went to the terminal: the next answer is asked of it. */
    void keyTyped() {
        keyed = true;
    }

    private boolean atPrompt() {
        long lflag = LONG_FLAGS ? termios.getLong(24) : termios.getInt(12) & 0xFFFFFFFFL;
        return (lflag & ECHO) == 0 && (lflag & ICANON) != 0;
    }
}
