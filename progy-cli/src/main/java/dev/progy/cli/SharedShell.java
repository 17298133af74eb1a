package dev.progy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import com.pty4j.WinSize;
import com.pty4j.unix.UnixPtyProcess;
import dev.progy.error.ProgyException;
import dev.progy.sync.live.AsciicastWriter;
import dev.progy.sync.live.Frames;
import dev.progy.sync.live.LiveClient;
import dev.progy.sync.live.LiveSocket;
import dev.progy.sync.live.ScreenBytes;
import dev.progy.sync.live.Utf8Chunks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The student's shell in a pseudo-terminal, mirrored byte for byte on their own terminal and streamed to a live room.
 * The student's keys go to the shell, except the answer to a viewer's request to watch and the keys after the
 * command key ({@value #COMMAND_KEY_NAME}). Nothing that arrives from the room is ever written to the shell: chat and
 * notices are drawn on the student's screen only (over its last row, saving and restoring the cursor, so a
 * full-screen editor keeps working and repaints it) and in the terminal's title, which always says that sharing is
 * on and who watches. Output while the shell is at a password prompt (echo off) is not sent, nor while paused.
 */
final class SharedShell {
    static final int COMMAND_KEY = 0x1d;
    static final String COMMAND_KEY_NAME = "Ctrl-]";
    static final String KEYS = COMMAND_KEY_NAME + " then: q end sharing · p pause/resume · r remove a viewer · "
            + "i fresh invite · ? these keys · " + COMMAND_KEY_NAME + " again types it";

    private record Ask(String viewer, String name, String role, String org) { }

    private record Viewer(String id, String name) { }

    private enum KeyMode { NORMAL, COMMAND, PICK_REMOVAL }

    private final LiveClient client;
    private volatile LiveClient.Room room;
    private final OutputStream screen;
    private final InputStream keys;
    private final AsciicastWriter recording;
    private final Object screenLock = new Object();
    private final ArrayDeque<Ask> asks = new ArrayDeque<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    /** What was sent since the last full-screen reset: replayed after a reconnection, so viewers see the screen. */
    private final ScreenBytes sent;
    // guarded by sending: the decoder of what is streamed, where in the output it has read to, and how far the
    // output was read
    private Utf8Chunks streamed = new Utf8Chunks();
    private long streamedTo;
    private long readTo;
    private final Object sending = new Object();
    // what of the output streams, and when the room gets the screen redrawn instead (guarded by sending)
    private final OutputPace pace;
    private final LongSupplier keptBytes;
    private boolean catchingUp;
    private volatile List<Viewer> viewers = List.of();
    private volatile TerminalMode.Size size;
    private volatile LiveSocket socket;
    private volatile boolean paused;
    private volatile boolean connected;
    private volatile boolean ending;
    private volatile boolean secretNoted;
    private volatile boolean endRequested;
    private volatile boolean refused;
    private final java.util.concurrent.atomic.AtomicInteger generation = new java.util.concurrent.atomic.AtomicInteger();
    private KeyMode keyMode = KeyMode.NORMAL;
    private PtyProcess process;
    private int masterFd = -1;
    /** Whether the shell's terminal is at a password prompt, asked by the reading thread. */
    private volatile PtyEcho echo;

    SharedShell(LiveClient client, LiveClient.Room room, OutputStream screen, InputStream keys, TerminalMode.Size size,
                AsciicastWriter recording) {
        this.client = client;
        this.room = room;
        this.screen = screen;
        this.keys = keys;
        this.size = size;
        this.recording = recording;
        // a redraw must fit in what the room streams a second, or the server would drop it too
        long limit = room.maxBytesPerSecond() / 2;
        this.sent = new ScreenBytes((int) (limit > 0 ? Math.min(256 * 1024, limit / 2) : 256 * 1024));
        this.pace = new OutputPace(Math.max(0, limit), System.nanoTime());
        this.keptBytes = sent::length;
    }

    /** Connects the student socket; the room is live from here on. */
    void connect() throws InterruptedException {
        socket = client.connect(room.socket(), listener(generation.incrementAndGet()));
        connected = true;
        ObjectNode s = Frames.of("size");
        s.put("cols", size.cols());
        s.put("rows", size.rows());
        socket.send(s);
    }

    /** Runs {@code command} in the pseudo-terminal until it exits (its exit status) or the student ends sharing (0). */
    int run(String[] command, Path cwd, Map<String, String> env) throws InterruptedException {
        try {
            process = new PtyProcessBuilder(command).setEnvironment(env).setDirectory(cwd.toString())
                    .setInitialColumns(size.cols()).setInitialRows(size.rows()).setConsole(false).start();
        } catch (IOException | RuntimeException e) {
            throw new ProgyException("Could not start your shell " + command[0] + " in a pseudo-terminal.",
                    "Check that SHELL names a shell that exists, e.g. SHELL=/bin/bash progy share.");
        }
        if (process instanceof UnixPtyProcess unix) {
            masterFd = unix.getPty().getMasterFD();
        }
        echo = new PtyEcho(masterFd);
        title();
        Thread output = new Thread(this::pumpOutput, "progy-share-output");
        output.setDaemon(true);
        output.start();
        Thread input = new Thread(this::pumpKeys, "progy-share-keys");
        input.setDaemon(true);
        input.start();
        int status = process.waitFor();
        output.join(2000);
        ending = true;
        finished.countDown();
        if (recording != null) {
            recording.exit(status);
        }
        LiveSocket s = socket;
        if (s != null && connected) {
            s.send(Frames.of("end"));
            s.close();
        }
        connected = false;
        write("\033]2;\007");
        return endRequested ? 0 : status;
    }

    /** The student's terminal changed size: the shell, the room and the recording follow. */
    void resize(TerminalMode.Size now) {
        if (now.equals(size)) {
            return;
        }
        size = now;
        PtyProcess p = process;
        if (p != null) {
            p.setWinSize(new WinSize(now.cols(), now.rows()));
        }
        ObjectNode s = Frames.of("size");
        s.put("cols", now.cols());
        s.put("rows", now.rows());
        send(s);
        if (recording != null && !paused) {
            recording.resize(now.cols(), now.rows());
        }
    }

    /** Ends sharing and the shell (the command key, then q). */
    void end() {
        endRequested = true;
        ending = true;
        LiveSocket s = socket;
        if (s != null && connected) {
            s.send(Frames.of("end"));
        }
        PtyProcess p = process;
        if (p instanceof UnixPtyProcess unix) {
            unix.hangup();
        }
        if (p != null) {
            p.destroy();
            Thread force = new Thread(() -> endForcibly(p), "progy-share-end");
            force.setDaemon(true);
            force.start();
        }
    }

    /**
     * A shell that ignores hangup and terminate (one started with SIGHUP ignored, as under nohup, or one that ran
     * {@code trap '' HUP TERM}) is killed after two seconds, with whatever it still runs.
     */
    private static void endForcibly(PtyProcess p) {
        try {
            if (p.waitFor(2, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            ProcessHandle.of(p.pid()).ifPresent(h -> h.descendants().forEach(ProcessHandle::destroyForcibly));
        } catch (UnsupportedOperationException | SecurityException e) {
            // the shell itself is killed below
        }
        p.destroyForcibly();
    }

    /** Characters of output that could not be sent in time (the network was slower than the terminal). */
    long dropped() {
        LiveSocket s = socket;
        return s == null ? 0 : s.dropped();
    }

    private void pumpOutput() {
        byte[] buffer = new byte[64 * 1024];
        Utf8Chunks recorded = new Utf8Chunks();
        InputStream in = PtyReader.of(masterFd, process.getInputStream());
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                synchronized (screenLock) {
                    screen.write(buffer, 0, n);
                    screen.flush();
                }
                boolean secret = echo.secretPrompt(n);
                if (secret && !secretNoted) {
                    secretNoted = true;
                    title();
                } else if (!secret && secretNoted) {
                    secretNoted = false;
                    title();
                }
                boolean send = !paused && !secret;
                synchronized (sending) {
                    long at = readTo;
                    readTo += n;
                    if (send) {
                        sent.append(buffer, n);
                        LiveSocket s = socket;
                        // decoded only when sent: a flood is held back, and only redrawn
                        if (s != null && connected) {
                            long now = System.nanoTime();
                            if (pace.stream(n, now)) {
                                if (streamedTo != at) {
                                    streamed = new Utf8Chunks(); // output was left out since: read on afresh
                                }
                                s.output(streamed.decode(buffer, n));
                                streamedTo = readTo;
                            } else {
                                redrawIfDue(s, now);
                            }
                        }
                    }
                }
                if (recording != null) {
                    String text = recorded.decode(buffer, n);
                    if (send) {
                        recording.output(text);
                    }
                }
            }
        } catch (IOException e) {
            // the shell ended: its pseudo-terminal is closed
        }
    }

    /**
     * The screen redrawn from what was sent, at most its last {@code max} bytes; output streamed after it is read on
     * from its end. Holding {@link #sending}.
     */
    private String redraw(int max) {
        ScreenBytes.Redraw r = sent.redraw(max);
        streamed = r.decoder();
        streamedTo = readTo;
        return r.text();
    }

    /**
     * Output is held back (a flood): sends the room the redraw that is due now, a frame while the flood goes on, the
     * whole screen once it stopped; and makes sure one comes when the output stops. Holding {@link #sending}.
     */
    private void redrawIfDue(LiveSocket s, long now) {
        int max = pace.redrawDue(keptBytes, frameBytes(), now);
        if (max > 0) {
            s.output(redraw(max));
        }
        if (pace.holding() && !catchingUp) {
            catchingUp = true;
            Thread t = new Thread(this::catchUpLater, "progy-share-catch-up");
            t.setDaemon(true);
            t.start();
        }
    }

    /** About a screen's worth of output, as a frame of a flood replays: two bytes a cell, from 4 to 64 KiB. */
    private int frameBytes() {
        TerminalMode.Size now = size;
        return Math.max(4096, Math.min(64 * 1024, 2 * now.cols() * now.rows()));
    }

    /** While output is held back: the redraws due when the output stops in a flood, or when no read comes. */
    private void catchUpLater() {
        while (!ending) {
            try {
                Thread.sleep(OutputPace.QUIET_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (sending) {
                LiveSocket s = socket;
                if (s != null && connected) {
                    redrawIfDue(s, System.nanoTime());
                }
                if (!pace.holding()) {
                    catchingUp = false;
                    return;
                }
            }
        }
    }

    private void pumpKeys() {
        byte[] buffer = new byte[4096];
        ByteArrayOutputStream forward = new ByteArrayOutputStream();
        try {
            int n;
            while (!ending && (n = keys.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (!key(buffer[i] & 0xff, forward)) {
                        continue;
                    }
                }
                if (forward.size() > 0) {
                    echo.keyTyped();
                    OutputStream toShell = process.getOutputStream();
                    toShell.write(forward.toByteArray());
                    toShell.flush();
                    forward.reset();
                }
            }
        } catch (IOException e) {
            // the shell or the keyboard is gone
        }
    }

    /** Handles one key: progy's own, or added to {@code forward} for the shell. */
    private boolean key(int b, ByteArrayOutputStream forward) {
        Ask ask;
        synchronized (asks) {
            ask = asks.peekFirst();
        }
        if (ask != null) {
            answer(ask, b == 'y' || b == 'Y');
            return true;
        }
        switch (keyMode) {
            case COMMAND -> {
                keyMode = KeyMode.NORMAL;
                command(b, forward);
                return true;
            }
            case PICK_REMOVAL -> {
                keyMode = KeyMode.NORMAL;
                List<Viewer> now = viewers;
                int index = b - '1';
                if (index >= 0 && index < now.size()) {
                    remove(now.get(index));
                } else {
                    notice("Nobody was removed.");
                }
                return true;
            }
            default -> {
                if (b == COMMAND_KEY) {
                    keyMode = KeyMode.COMMAND;
                    notice(KEYS);
                    return true;
                }
                forward.write(b);
                return false;
            }
        }
    }

    private void command(int b, ByteArrayOutputStream forward) {
        switch (b) {
            case 'q', 'Q' -> {
                notice("Sharing ended.");
                end();
            }
            case 'p', 'P' -> {
                paused = !paused;
                send(Frames.of(paused ? "pause" : "resume"));
                notice(paused ? "Sharing paused: viewers see nothing until you resume (" + COMMAND_KEY_NAME + " p)."
                        : "Sharing resumed.");
                title();
            }
            case 'r', 'R' -> {
                List<Viewer> now = viewers;
                if (now.isEmpty()) {
                    notice("Nobody is watching.");
                } else if (now.size() == 1) {
                    remove(now.get(0));
                } else {
                    StringBuilder which = new StringBuilder("Remove which viewer?");
                    for (int i = 0; i < now.size() && i < 9; i++) {
                        which.append(' ').append(i + 1).append(' ').append(now.get(i).name());
                    }
                    keyMode = KeyMode.PICK_REMOVAL;
                    notice(which + " (another key: nobody)");
                }
            }
            case 'i', 'I' -> {
                Thread t = new Thread(this::freshInvite, "progy-share-invite");
                t.setDaemon(true);
                t.start();
            }
            case COMMAND_KEY -> forward.write(COMMAND_KEY);
            default -> notice(KEYS);
        }
    }

    private void freshInvite() {
        try {
            room = client.newInvite(room);
            notice("New invite: " + room.invite() + "  " + room.inviteUrl());
        } catch (ProgyException e) {
            notice("No fresh invite: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void remove(Viewer v) {
        ObjectNode f = Frames.of("remove");
        f.put("viewer", v.id());
        send(f);
        notice(v.name() + " was removed and sees nothing more.");
    }

    private void answer(Ask ask, boolean yes) {
        ObjectNode f = Frames.of(yes ? "allow" : "deny");
        f.put("viewer", ask.viewer());
        send(f);
        Ask next;
        synchronized (asks) {
            asks.pollFirst();
            next = asks.peekFirst();
        }
        if (next != null) {
            prompt(next);
        } else {
            notice(yes ? ask.name() + " may watch now." : ask.name() + " was not let in.");
        }
    }

    private void prompt(Ask ask) {
        StringBuilder who = new StringBuilder(ask.name());
        List<String> about = new ArrayList<>();
        if (!ask.role().isBlank()) {
            about.add(ask.role());
        }
        if (!ask.org().isBlank()) {
            about.add(ask.org());
        }
        if (!about.isEmpty()) {
            who.append(" (").append(String.join(", ", about)).append(')');
        }
        notice("\007" + who + " wants to watch. Allow? [y/N]");
    }

    private void send(ObjectNode frame) {
        LiveSocket s = socket;
        if (s != null && connected) {
            s.send(frame);
        }
    }

    /** The connection was lost: tries again every two seconds for 55 s (the server keeps the room for 60 s). */
    private void reconnect() {
        for (int attempt = 0; attempt < 27 && !ending; attempt++) {
            try {
                Thread.sleep(2000);
                if (ending) {
                    return;
                }
                int mine = generation.incrementAndGet();
                LiveSocket s = client.connect(room.socket(), listener(mine));
                synchronized (sending) {
                    socket = s;
                    ObjectNode size = Frames.of("size");
                    size.put("cols", this.size.cols());
                    size.put("rows", this.size.rows());
                    s.send(size);
                    if (paused) {
                        s.send(Frames.of("pause"));
                    } else if (sent.length() > 0) {
                        // the server starts viewers from an empty screen: redraw it, with what the shell printed
                        // while the connection was down
                        s.output(redraw(Integer.MAX_VALUE));
                    }
                    connected = true;
                }
                notice("Sharing again: the connection to the server is back.");
                title();
                return;
            } catch (ProgyException e) {
                // not yet: try again
            } catch (InterruptedException e) {
                return;
            }
        }
        if (!ending) {
            notice("Sharing stopped: the server could not be reached for a minute. Your shell goes on; end it and "
                    + "run progy share again to share anew.");
        }
    }

    private LiveSocket.Listener listener(int mine) {
        return new LiveSocket.Listener() {
            @Override
            public void frame(JsonNode f) {
                switch (f.path("t").asText()) {
                    case "ask" -> {
                        Ask ask = new Ask(f.path("viewer").asText(), clean(f.path("name").asText("someone"), 60),
                                clean(f.path("role").asText(""), 30), clean(f.path("org").asText(""), 60));
                        boolean first;
                        synchronized (asks) {
                            first = asks.isEmpty();
                            asks.addLast(ask);
                        }
                        if (first) {
                            prompt(ask);
                        }
                    }
                    case "viewers" -> {
                        List<Viewer> now = new ArrayList<>();
                        for (JsonNode v : f.path("list")) {
                            now.add(new Viewer(v.path("viewer").asText(), clean(v.path("name").asText("someone"), 60)));
                        }
                        viewers = List.copyOf(now);
                        title();
                    }
                    case "chat" -> notice(clean(f.path("from").asText("a viewer"), 60) + ": "
                            + clean(f.path("text").asText(""), 500));
                    case "error" -> {
                        refused = true;
                        connected = false;
                        notice("Sharing stopped: " + clean(f.path("error").asText("the server closed the room."), 300)
                                + " " + clean(f.path("fix").asText(""), 300));
                        title();
                    }
                    default -> {
                        // nothing else is for the student; above all, nothing from the room is ever input
                    }
                }
            }

            @Override
            public void closed(int code, String reason) {
                if (generation.get() != mine) {
                    return; // an earlier connection, replaced already
                }
                boolean wasConnected = connected;
                connected = false;
                if (ending || !wasConnected) {
                    return;
                }
                title();
                if (refused) {
                    return; // the server said why, and a new connection would be refused alike
                }
                notice("Sharing interrupted: the connection to the server was lost; reconnecting… (your shell goes on)");
                Thread t = new Thread(SharedShell.this::reconnect, "progy-share-reconnect");
                t.setDaemon(true);
                t.start();
            }
        };
    }

    /** The terminal's title: sharing on or off, paused, and who watches. */
    private void title() {
        String state;
        if (!connected) {
            state = "progy share: NOT sharing";
        } else if (paused) {
            state = "progy share: PAUSED";
        } else {
            List<Viewer> now = viewers;
            state = "progy share: SHARING · " + (now.isEmpty() ? "nobody watching"
                    : "watching: " + String.join(", ", now.stream().map(Viewer::name).toList()));
            if (secretNoted) {
                state += " · password prompt not sent";
            }
        }
        write("\033]2;" + state + "\007");
    }

    /** A line on the student's screen only: drawn over the last row, the cursor put back where it was. */
    void notice(String text) {
        int cols = Math.max(10, size.cols());
        String shown = text.length() > cols - 1 ? text.substring(0, cols - 2) + "…" : text;
        write("\0337\033[" + size.rows() + ";1H\033[2K\033[7m" + shown + "\033[0m\0338");
    }

    private void write(String text) {
        synchronized (screenLock) {
            try {
                screen.write(text.getBytes(StandardCharsets.UTF_8));
                screen.flush();
            } catch (IOException e) {
                // the student's terminal is gone
            }
        }
    }

    /** Text from the room made harmless for a terminal: no control characters, at most {@code max} characters. */
    static String clean(String text, int max) {
        StringBuilder b = new StringBuilder();
        text.codePoints().forEach(c -> b.appendCodePoint(c < 0x20 || (c >= 0x7f && c < 0xa0) ? ' ' : c));
        String s = b.toString().strip();
        return s.length() > max ? s.substring(0, max) + "…" : s;
    }

    /** Waits until sharing is over. */
    boolean awaitEnd(long millis) throws InterruptedException {
        return finished.await(millis, TimeUnit.MILLISECONDS);
    }
}
