package dev.progy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.error.ProgyException;
import dev.progy.sync.live.Frames;
import dev.progy.sync.live.LiveClient;
import dev.progy.sync.live.LiveSocket;
import dev.progy.sync.progress.ProgressSync;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

@Command(name = "join", description = {"Watch a student's shared terminal, read-only: progy join <invite code>.",
        "Asks the student to let you in and waits for their answer, then shows their screen here as it is and "
                + "everything after it; when this window is smaller than the student's terminal it says so, and when you "
                + "resize it the screen is drawn again. Nothing you type reaches the student, except chat: press "
                + SharedShell.COMMAND_KEY_NAME + ", type a line, Enter (it shows on their status line). Ctrl-C "
                + "leaves. When input is not a terminal, each line read is sent as chat."})
final class JoinCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "<code>", description = "The invite code (e.g. K7QH-2MXD) or link the student gave you.")
    String code;

    @Mixin
    ServerOptions.Account account;

    JoinCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws InterruptedException {
        String named = account.server;
        if (named == null && code.matches("(?i)https?://.+/live/[A-Z0-9-]+/?")) {
            named = code.replaceFirst("(?i)/live/[A-Z0-9-]+/?$", "");
        }
        String url = ServerChoice.of(ctx, named, true, "progy join " + code + " --server <server>");
        String token = ServerChoice.tokens(ctx).token(url).orElseThrow(() -> new ProgyException(
                "You are not signed in to " + url + ".", "Sign in with `progy login " + url + "`, then join again."));
        LiveClient client = new LiveClient(ProgressSync.serverUri(url), token, Duration.ofSeconds(15));
        LiveClient.Joined joined = client.join(code);
        ctx.out.println("Asked to watch. Waiting for the student to let you in… (Ctrl-C leaves)");
        ctx.out.flush();
        CountDownLatch over = new CountDownLatch(1);
        AtomicInteger exit = new AtomicInteger(ExitCode.OK);
        AtomicReference<String> farewell = new AtomicReference<>();
        JoinScreen screen = new JoinScreen(ctx.terminal ? TerminalMode.size() : null);
        // the window is followed before the first frame can come: a change before the handler is in place would
        // otherwise go unseen (SIGWINCH is ignored until then), and the screen not redrawn for the new size
        WindowChanges resizes = new WindowChanges(size -> show(screen, s -> s.viewerResized(size)));
        if (ctx.terminal) {
            resizes.start();
            show(screen, s -> s.viewerResized(TerminalMode.size()));
        }
        LiveSocket.Listener listener = new LiveSocket.Listener() {
            @Override
            public void frame(JsonNode f) {
                switch (f.path("t").asText()) {
                    case "snap" -> show(screen, s -> s.snapshot(f.path("d").asText(""), f.path("cols").asInt(),
                            f.path("rows").asInt()));
                    case "o" -> show(screen, s -> s.output(f.path("d").asText("")));
                    case "paused" -> line("The student paused sharing; the screen resumes when they do.");
                    case "resumed" -> line("Sharing resumed.");
                    case "notice" -> line(SharedShell.clean(f.path("text").asText(""), 300));
                    case "size" -> show(screen, s -> s.studentResized(f.path("cols").asInt(), f.path("rows").asInt()));
                    case "denied" -> {
                        farewell.set("The student did not let you in.");
                        exit.set(ExitCode.REFUSED);
                        over.countDown();
                    }
                    case "removed" -> {
                        farewell.set("The student removed you from the room: you see nothing more.");
                        over.countDown();
                    }
                    case "ended" -> {
                        farewell.set("The student ended sharing.");
                        over.countDown();
                    }
                    case "error" -> {
                        farewell.set(SharedShell.clean(f.path("error").asText("The server closed the room."), 300)
                                + " " + SharedShell.clean(f.path("fix").asText(""), 300));
                        exit.set(ExitCode.FAILED);
                        over.countDown();
                    }
                    default -> {
                        // waiting (said already) or a frame a newer server sends
                    }
                }
            }

            @Override
            public void closed(int code, String reason) {
                farewell.compareAndSet(null, "The connection to the room was lost.");
                if (farewell.get().startsWith("The connection")) {
                    exit.compareAndSet(ExitCode.OK, ExitCode.FAILED);
                }
                over.countDown();
            }
        };
        LiveSocket socket;
        try {
            socket = client.connect(joined.socket(), listener);
        } catch (RuntimeException e) {
            resizes.stop();
            throw e;
        }
        TerminalMode mode = null;
        if (ctx.terminal) {
            try {
                mode = TerminalMode.raw();
            } catch (IOException e) {
                mode = null;
            }
        }
        TerminalMode raw = mode;
        Thread keys = new Thread(() -> {
            if (raw != null) {
                readKeys(System.in, raw, socket, over);
            } else {
                readChatLines(socket);
            }
        }, "progy-join-keys");
        keys.setDaemon(true);
        keys.start();
        try {
            over.await();
        } finally {
            // leaving (Ctrl-C) closes the socket: its closing is then not "the connection was lost"
            farewell.compareAndSet(null, "You left the room.");
            resizes.stop();
            if (mode != null) {
                mode.restore();
            }
            socket.close();
        }
        ctx.out.println();
        ctx.out.println("\033[0m" + (farewell.get() == null ? "You left the room." : farewell.get()));
        ctx.out.flush();
        return exit.get();
    }

    /** Prints what the screen says for a frame or a window change, one at a time. */
    private synchronized void show(JoinScreen screen, Function<JoinScreen, String> step) {
        String text = step.apply(screen);
        if (!text.isEmpty()) {
            ctx.out.print(text);
            ctx.out.flush();
        }
    }

    private synchronized void line(String text) {
        ctx.out.print(notice(text));
        ctx.out.flush();
    }

    /** A line of Progy's own among the student's screen: on its own line, in reverse video. */
    static String notice(String text) {
        return "\r\n\033[7m[progy] " + text + "\033[0m\r\n";
    }

    /** In a terminal: every key is dropped, except the chat key (then a line) and Ctrl-C (leave). */
    private void readKeys(InputStream in, TerminalMode mode, LiveSocket socket, CountDownLatch over) {
        try {
            int b;
            while ((b = in.read()) >= 0) {
                if (b == 3 || b == 4) { // Ctrl-C, Ctrl-D: leave
                    over.countDown();
                    return;
                }
                if (b == SharedShell.COMMAND_KEY) {
                    mode.cooked();
                    line("Chat to the student (Enter sends, an empty line cancels):");
                    String text = ctx.in.readLine();
                    mode.rawAgain();
                    if (text != null && !text.isBlank()) {
                        chat(socket, text);
                        line("Sent.");
                    }
                }
            }
        } catch (IOException e) {
            // the keyboard is gone: keep watching
        }
    }

    /** Input that is not a terminal: each line is a chat message. */
    private void readChatLines(LiveSocket socket) {
        try {
            String text;
            while ((text = ctx.in.readLine()) != null) {
                if (!text.isBlank()) {
                    chat(socket, text);
                }
            }
        } catch (IOException e) {
            // input closed: keep watching
        }
    }

    private static void chat(LiveSocket socket, String text) {
        ObjectNode f = Frames.of("chat");
        f.put("text", text.length() > 500 ? text.substring(0, 500) : text);
        socket.send(f);
    }
}
