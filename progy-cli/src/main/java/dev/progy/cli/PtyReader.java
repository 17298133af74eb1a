package dev.progy.cli;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a pseudo-terminal's master side straight with {@code read} into one native buffer kept for the whole
 * session ({@code poll} only when a non-blocking descriptor has nothing yet), so a read costs one native call and a
 * copy of the bytes read. The pseudo-terminal library's own stream polls through a reflective structure before every
 * read, and allocates and copies a whole Java array of the requested size in and out (64 KiB for the few KiB a
 * terminal read returns): progy share's mirror is on the terminal's path, and that cost slowed every command that
 * prints a lot. Linux only (where the layout of {@code pollfd} and the error numbers are known); elsewhere, or when
 * the C library cannot be loaded, the library's stream is used.
 */
final class PtyReader extends InputStream {
    /** The C library's calls, bound directly (JNA's direct mapping: no proxy, no reflection per call). */
    private static final class C {
        static native int poll(Pointer fds, long count, int timeout) throws LastErrorException;

        static native long read(int fd, Pointer buffer, long count) throws LastErrorException;
    }

    private static final boolean LIBC = load();
    private static final short POLLIN = 0x1;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final int SIZE = 64 * 1024;

    private final int fd;
    private final Memory pollFd = new Memory(8);
    private final Memory buffer = new Memory(SIZE);

    private PtyReader(int fd) {
        this.fd = fd;
        pollFd.setInt(0, fd);
        pollFd.setShort(4, POLLIN);
    }

    private static boolean load() {
        if (!Platform.isLinux()) {
            return false;
        }
        try {
            Native.register(C.class, Platform.C_LIBRARY_NAME);
            return true;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false;
        }
    }

    /** A reader of master file descriptor {@code fd}, or {@code fallback} when it cannot be read directly here. */
    static InputStream of(int fd, InputStream fallback) {
        return !LIBC || fd < 0 ? fallback : new PtyReader(fd);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            long n;
            try {
                n = C.read(fd, buffer, Math.min(len, SIZE));
            } catch (LastErrorException e) {
                if (e.getErrorCode() == EAGAIN) {
                    // nothing yet on a non-blocking descriptor: wait for it (in a flood, output is always there)
                    pollFd.setShort(6, (short) 0);
                    C.poll(pollFd, 1, -1);
                    continue;
                }
                if (e.getErrorCode() == EINTR) {
                    continue;
                }
                return -1; // EIO once the shell and everything it started closed the terminal: the end
            }
            if (n > 0) {
                buffer.read(0, b, off, (int) n);
                return (int) n;
            }
            return -1;
        }
    }
}
