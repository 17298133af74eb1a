package dev.progy.spi.support;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * What an I/O failure means, in words for the person at the keyboard: which file or server and what went wrong
 * ("/srv/a.progy is not writable: permission denied"), never a JDK exception's class name or its bare path.
 * Callers put what they were doing in front ("cannot save progress: " + describe(e)) and a fix after.
 */
public final class IoFailures {

    private IoFailures() { }

    /**
     * {@code e} as a clause: the file or host it is about, and what is wrong with it. Other exceptions than I/O ones
     * give their message without a class name in front.
     */
    public static String describe(Throwable t) {
        if (t instanceof java.io.UncheckedIOException u) {
            return describe(u.getCause());
        }
        if (!(t instanceof IOException e)) {
            return quiet(t.getMessage(), "an unexpected failure");
        }
        if (e instanceof FileSystemException fs) {
            return describeFile(fs);
        }
        if (e instanceof UnknownHostException) {
            return "the host " + quiet(e.getMessage(), "named") + " is not known (check the address and the network)";
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return "nothing answered there (the server is not running or not reachable)";
        }
        if (e instanceof HttpConnectTimeoutException || e instanceof SocketTimeoutException
                || e instanceof HttpTimeoutException) {
            return "the server did not answer in time";
        }
        if (e instanceof ClosedByInterruptException) {
            return "it was interrupted";
        }
        if (e.getCause() instanceof IOException cause && cause != e && e.getMessage() == null) {
            return describe(cause);
        }
        return quiet(e.getMessage(), "an input/output error");
    }

    private static String describeFile(FileSystemException e) {
        String file = e.getFile() != null ? e.getFile() : "a file";
        if (e instanceof NoSuchFileException) {
            return file + " does not exist" + (e.getOtherFile() != null ? " (nor " + e.getOtherFile() + ")" : "");
        }
        if (e instanceof AccessDeniedException) {
            return file + " is not writable or not readable: permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            // creating a folder where a file is fails this way too
            return file + (e.getFile() != null && java.nio.file.Files.isRegularFile(java.nio.file.Path.of(e.getFile()))
                    ? " already exists, as a file" : " already exists");
        }
        if (e instanceof DirectoryNotEmptyException) {
            return file + " is a folder that is not empty";
        }
        if (e instanceof NotDirectoryException) {
            return file + " is not a folder";
        }
        if (e instanceof FileSystemLoopException) {
            return file + " is a link that leads back to itself";
        }
        String reason = e.getReason();
        if (reason == null || reason.isBlank()) {
            return file + " could not be used";
        }
        String words = reason.strip();
        words = Character.toLowerCase(words.charAt(0)) + words.substring(1);
        if (words.toLowerCase(Locale.ROOT).contains("read-only file system")) {
            return file + " is on a read-only file system";
        }
        if (words.toLowerCase(Locale.ROOT).contains("no space left")) {
            return file + " could not be written: the disk is full";
        }
        return file + ": " + words;
    }

    /** A message without a class name in front ("java.io.IOException: x" → "x"), or {@code fallback} when empty. */
    private static String quiet(String message, String fallback) {
        if (message == null || message.isBlank()) {
            return fallback;
        }
        return message.replaceAll("^(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error): ?", "").strip();
    }
}
