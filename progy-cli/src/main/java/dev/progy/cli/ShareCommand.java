package dev.progy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.error.ProgyException;
import dev.progy.sync.live.AsciicastWriter;
import dev.progy.sync.live.Frames;
import dev.progy.sync.live.LiveClient;
import dev.progy.sync.live.LiveSocket;
import dev.progy.sync.progress.ProgressSync;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "share", description = {"Share your terminal with an instructor, read-only, until you end it.",
        "Starts your shell ($SHELL) in a pseudo-terminal, shows it here unchanged and streams it to a live room on your "
                + "Progy server; prints an invite code and link to give to the person who helps you. Nobody watches "
                + "until you answer y when progy asks; viewers can only watch and chat (chat is shown in the bottom "
                + "row, never typed). The terminal's title says that sharing is on and who watches. "
                + "Keys: " + SharedShell.KEYS + ". `exit` in the shell ends sharing too. While a program reads a "
                + "password (echo off), nothing is sent.",
        "--runs-only shares no shell: it runs progy watch here and streams only its runs and results; type y or n "
                + "then Enter to answer, p to pause or resume, q to end."})
final class ShareCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    ServerOptions.Account account;

    @Option(names = "--runs-only", description = "Share only Progy's runs and results (runs progy watch), no shell.")
    boolean runsOnly;

    @Option(names = "--save", paramLabel = "<file.cast>",
            description = "Also record what is shared in this file (asciicast v3; plays in asciinema's player).")
    String save;

    @Option(names = "--allow-recording", description = "Let the server keep a recording that you and the viewers you "
            + "let in can download (default: it keeps none).")
    boolean allowRecording;

    @Option(names = "--invite", paramLabel = "<account>", split = ",",
            description = "Accounts that may ask to watch without the code (you are still asked).")
    List<String> inviteAccounts;

    @Parameters(paramLabel = "<watch-option>", arity = "0..*",
            description = "With --runs-only: options for progy watch, after `--` (e.g. -- hello --poll).")
    List<String> watchArgs;

    ShareCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws InterruptedException, IOException {
        if (!runsOnly && !ctx.terminal) {
            throw new ProgyException("progy share needs a terminal: it shares the shell you type in, and its input or "
                    + "output is not a terminal here.", "Run it in a terminal window, or share only Progy's runs with "
                    + "`progy share --runs-only`.");
        }
        if (!runsOnly && watchArgs != null && !watchArgs.isEmpty()) {
            throw new ProgyException("Options after `--` are for progy watch, which only --runs-only runs.",
                    "Use `progy share --runs-only -- " + String.join(" ", watchArgs) + "`, or leave them out.");
        }
        String url = account.url(ctx, "progy share --server <server>");
        String token = ServerChoice.tokens(ctx).token(url).orElseThrow(() -> new ProgyException(
                "You are not signed in to " + url + ".", "Sign in with `progy login " + url + "`, then share again."));
        TerminalMode.Size size = ctx.terminal ? TerminalMode.size() : new TerminalMode.Size(120, 40);
        LiveClient client = new LiveClient(ProgressSync.serverUri(url), token, Duration.ofSeconds(15));
        String title = title();
        LiveClient.Room room = client.createRoom(new LiveClient.RoomRequest(runsOnly, allowRecording, size.cols(),
                size.rows(), title, inviteAccounts == null ? List.of() : inviteAccounts));
        AsciicastWriter recording = save == null ? null
                : AsciicastWriter.create(ctx.path(save), size.cols(), size.rows(), title, Instant.now());
        try {
            ctx.out.println("Sharing " + (runsOnly ? "your Progy runs" : "your terminal") + " on " + url
                    + ". Nobody watches until you say yes.");
            ctx.out.println("  Invite code: " + room.invite() + (room.expiresAt().isBlank() ? ""
                    : " (expires " + shownTime(room.expiresAt()) + ")"));
            ctx.out.println("  Link:        " + room.inviteUrl());
            ctx.out.println("  Viewer:      progy join " + room.invite());
            if (recording != null) {
                ctx.out.println("  Recording to " + recording.file() + ".");
            }
            if (allowRecording) {
                ctx.out.println("  The server keeps a recording too (--allow-recording).");
            }
            if (runsOnly) {
                ctx.out.println("Answer a request with y or n then Enter; p pauses or resumes, q ends.");
                ctx.out.flush();
                return runsOnly(client, room, recording);
            }
            ctx.out.println("Keys: " + SharedShell.KEYS + "; `exit` ends too.");
            ctx.out.flush();
            return shell(client, room, size, recording);
        } finally {
            if (recording != null) {
                recording.close();
            }
        }
    }

    private String title() {
        String course;
        try {
            course = ctx.workspace(null).course().name();
        } catch (ProgyException e) {
            course = "";
        }
        String what = runsOnly ? "progy watch" : "shell";
        return course.isBlank() ? what : course + " – " + what;
    }

    private int shell(LiveClient client, LiveClient.Room room, TerminalMode.Size size, AsciicastWriter recording)
            throws InterruptedException {
        String shell = ctx.env.getOrDefault("SHELL", "");
        if (shell.isBlank()) {
            shell = "/bin/sh";
        }
        Map<String, String> env = new HashMap<>(ctx.env);
        env.putIfAbsent("TERM", "xterm-256color");
        env.put("PROGY_SHARE", room.id());
        SharedShell shared = new SharedShell(client, room, new FileOutputStream(FileDescriptor.out), System.in, size,
                recording);
        shared.connect();
        TerminalMode mode;
        try {
            mode = TerminalMode.raw();
        } catch (IOException e) {
            throw new ProgyException("Could not put your terminal in raw mode (stty failed).",
                    "Run progy share in a terminal window, or share only Progy's runs with `progy share --runs-only`.");
        }
        int status;
        WindowChanges resizes = new WindowChanges(shared::resize);
        try {
            resizes.start();
            shared.resize(TerminalMode.size()); // a change while the room was being made, before the handler was in
            status = shared.run(new String[] {shell}, ctx.cwd, env);
        } finally {
            resizes.stop();
            mode.restore();
        }
        ctx.out.println();
        ctx.out.println("Sharing ended: the room is closed and nobody watches any more.");
        long dropped = shared.dropped();
        if (dropped > 0) {
            ctx.out.println("The network could not keep up with " + dropped + " characters of output: viewers got a "
                    + "fresh screen instead.");
        }
        if (recording != null) {
            ctx.out.println("The recording is in " + recording.file() + " (play it with asciinema play).");
        }
        return status == 0 ? ExitCode.OK : ExitCode.FAILED;
    }

    /** --runs-only: progy watch runs here, its output goes to the room too; the student's lines may answer the room. */
    private int runsOnly(LiveClient client, LiveClient.Room room, AsciicastWriter recording) throws InterruptedException {
        RunsRoom runs = new RunsRoom(ctx.out);
        LiveSocket socket = client.connect(room.socket(), runs);
        runs.socket = socket;
        runs.recording = recording;
        PrintWriter tee = new PrintWriter(new TeeWriter(ctx.out, runs), true);
        BufferedReader keys = new AnsweringReader(ctx.in, runs);
        List<String> args = new ArrayList<>();
        args.add("watch");
        if (watchArgs != null) {
            args.addAll(watchArgs);
        }
        int code;
        try (CliContext inner = new CliContext(ctx.cwd, keys, tee, ctx.err, ctx.env, ctx.terminal)) {
            code = Main.run(args.toArray(String[]::new), inner);
        } finally {
            tee.flush();
            socket.send(Frames.of("end"));
            socket.close();
        }
        if (recording != null) {
            recording.exit(code);
        }
        ctx.out.println("Sharing ended: the room is closed and nobody watches any more.");
        return code;
    }

    /** The room of a --runs-only share: requests and chat as lines on the student's screen. */
    private static final class RunsRoom implements LiveSocket.Listener {
        private final PrintWriter out;
        private final ArrayDeque<String[]> asks = new ArrayDeque<>();
        volatile LiveSocket socket;
        volatile AsciicastWriter recording;
        volatile boolean paused;

        RunsRoom(PrintWriter out) {
            this.out = out;
        }

        void output(String text) {
            if (paused) {
                return;
            }
            String crlf = text.replace("\r\n", "\n").replace("\n", "\r\n");
            LiveSocket s = socket;
            if (s != null) {
                s.output(crlf);
            }
            AsciicastWriter r = recording;
            if (r != null) {
                r.output(crlf);
            }
        }

        @Override
        public void frame(JsonNode f) {
            switch (f.path("t").asText()) {
                case "ask" -> {
                    String name = SharedShell.clean(f.path("name").asText("someone"), 60);
                    String role = SharedShell.clean(f.path("role").asText(""), 30);
                    String org = SharedShell.clean(f.path("org").asText(""), 60);
                    String about = String.join(", ", java.util.stream.Stream.of(role, org).filter(s -> !s.isBlank())
                            .toList());
                    synchronized (asks) {
                        asks.addLast(new String[] {f.path("viewer").asText(), name});
                    }
                    say(name + (about.isEmpty() ? "" : " (" + about + ")") + " wants to watch. Allow? [y/N] (then Enter)");
                }
                case "viewers" -> {
                    List<String> names = new ArrayList<>();
                    f.path("list").forEach(v -> names.add(SharedShell.clean(v.path("name").asText("someone"), 60)));
                    say(names.isEmpty() ? "Nobody is watching." : "Watching: " + String.join(", ", names) + ".");
                }
                case "chat" -> say(SharedShell.clean(f.path("from").asText("a viewer"), 60) + ": "
                        + SharedShell.clean(f.path("text").asText(""), 500));
                case "error" -> say("Sharing stopped: " + SharedShell.clean(f.path("error").asText(""), 300) + " "
                        + SharedShell.clean(f.path("fix").asText(""), 300));
                default -> {
                    // nothing else is for the student
                }
            }
        }

        @Override
        public void closed(int code, String reason) {
            // said by the error frame, or the share is ending
        }

        /** Whether {@code line} was for the room (an answer, p), not for progy watch. */
        boolean take(String line) {
            String typed = line.strip().toLowerCase(java.util.Locale.ROOT);
            String[] ask;
            synchronized (asks) {
                ask = asks.pollFirst();
            }
            if (ask != null) {
                boolean yes = typed.equals("y") || typed.equals("yes");
                ObjectNode a = Frames.of(yes ? "allow" : "deny");
                a.put("viewer", ask[0]);
                socket.send(a);
                say(yes ? ask[1] + " may watch now." : ask[1] + " was not let in.");
                return true;
            }
            if (typed.equals("p")) {
                paused = !paused;
                socket.send(Frames.of(paused ? "pause" : "resume"));
                say(paused ? "Sharing paused (p resumes)." : "Sharing resumed.");
                return true;
            }
            return false;
        }

        private void say(String line) {
            synchronized (out) {
                out.println("[share] " + line);
                out.flush();
            }
        }
    }

    /** What progy watch prints, on the student's screen and to the room. */
    private static final class TeeWriter extends Writer {
        private final PrintWriter screen;
        private final RunsRoom room;

        TeeWriter(PrintWriter screen, RunsRoom room) {
            this.screen = screen;
            this.room = room;
        }

        @Override
        public void write(char[] cbuf, int off, int len) {
            synchronized (screen) {
                screen.write(cbuf, off, len);
            }
            room.output(new String(cbuf, off, len));
        }

        @Override
        public void flush() {
            screen.flush();
        }

        @Override
        public void close() {
            screen.flush();
        }
    }

    /** The student's lines for progy watch, less those that answer the room. */
    private static final class AnsweringReader extends BufferedReader {
        private final BufferedReader in;
        private final RunsRoom room;

        AnsweringReader(BufferedReader in, RunsRoom room) {
            super(Reader.nullReader());
            this.in = in;
            this.room = room;
        }

        @Override
        public String readLine() throws IOException {
            String line;
            while ((line = in.readLine()) != null) {
                if (!room.take(line)) {
                    return line;
                }
            }
            return null;
        }
    }

    /** An instant from the server as a student reads it: {@code 21:23 UTC}, or as it came when it is not one. */
    static String shownTime(String iso) {
        try {
            return java.time.format.DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC)
                    .format(Instant.parse(iso));
        } catch (java.time.DateTimeException e) {
            return iso;
        }
    }
}
