package dev.progy.server.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.sync.hub.HubLive;
import dev.progy.sync.live.ScreenText;
import io.javalin.websocket.WsContext;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The live rooms of this instance: the student sockets and viewer sockets connected here, and the relay that joins
 * them to those on other instances (progy-server/LIVE-PROTOCOL.md). Every frame between a room's student and its viewers goes
 * through the relay, even when both are here, so one path is tested and used.
 *
 * <p>On the relay, the student's instance numbers output chunks ({@code seq}) and keeps the room's screen
 * ({@link ScreenText}); a viewer's instance asks it for a snapshot when the viewer is let in (or falls behind) and holds
 * the chunks that arrive meanwhile, then sends the snapshot and the held chunks after its {@code seq}: no gap, no
 * duplicate. Each viewer has its own bounded queue: a slow one is dropped to snapshots, never slowing the student.
 *
 * <p>Nothing a viewer sends reaches the student except chat, rebuilt here from its text alone.
 */
public final class Live implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(Live.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HubLive store;
    private final LiveSettings settings;
    private final Clock clock;
    private final LiveRelay relay;
    private final Map<String, Student> students = new ConcurrentHashMap<>();
    private final Map<String, Viewer> viewers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker;
    private long ticks;

    public Live(HubLive store, LiveSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.relay = store.shared() ? LiveRelay.postgres(store, this::received) : LiveRelay.inMemory(this::received);
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progy-live-tick");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    HubLive store() {
        return store;
    }

    LiveSettings settings() {
        return settings;
    }

    Clock clock() {
        return clock;
    }

    static String newId() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the student's socket

    /** The student's socket of {@code room} is open here. */
    void studentConnected(WsContext ctx, HubLive.Room room) {
        keepAlive(ctx);
        Student s = new Student(room, ctx);
        Student old = students.put(room.id(), s);
        if (old != null) {
            old.close(1000, "the student connected again");
        }
        store.seen(room.id(), clock.millis(), s.seq);
        for (HubLive.Viewer v : store.viewers(room.id(), "asked")) {
            if (s.asked.add(v.id())) {
                s.send(ask(v));
            }
        }
        s.sendViewers();
        // viewers of an earlier connection (here or elsewhere) redraw from this one's screen
        relay.publish(List.of(frame("reset", room.id())));
    }

    void studentMessage(WsContext ctx, String room, String text) {
        Student s = students.get(room);
        if (s == null || s.ctx.session != ctx.session) {
            return;
        }
        JsonNode m;
        try {
            m = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            s.fault("A frame from the terminal was not JSON.");
            return;
        }
        String t = m.path("t").asText("");
        switch (t) {
            case "o" -> {
                if (!m.path("d").isTextual()) {
                    s.fault("An output frame had no text in d.");
                    return;
                }
                s.output(m.get("d").asText());
            }
            case "size" -> {
                int cols = m.path("cols").asInt(0);
                int rows = m.path("rows").asInt(0);
                if (cols < 1 || rows < 1 || cols > 1000 || rows > 1000) {
                    s.fault("A size frame needs cols and rows from 1 to 1000.");
                    return;
                }
                s.size(cols, rows);
            }
            case "allow" -> s.answer(m.path("viewer").asText(""), List.of("asked"), "allowed");
            case "deny" -> s.answer(m.path("viewer").asText(""), List.of("asked"), "denied");
            case "remove" -> s.answer(m.path("viewer").asText(""), List.of("asked", "allowed"), "removed");
            case "pause" -> s.pause(true);
            case "resume" -> s.pause(false);
            case "end" -> {
                s.flush();
                end(room);
            }
            default -> s.fault("The terminal sent a frame of an unknown kind (\"" + shorten(t) + "\").");
        }
    }

    void studentClosed(WsContext ctx, String room) {
        ctx.disableAutomaticPings();
        Student s = students.get(room);
        if (s != null && s.ctx.session == ctx.session) {
            students.remove(room, s);
            s.flush();
            store.seen(room, clock.millis(), s.seq);
        }
    }

    /** Ends {@code room}: its viewers are told and closed, its student closed. */
    void end(String room) {
        Student s = students.get(room);
        if (s != null && s.ended.compareAndSet(false, true)) { // the end frame and a closing socket may both end it
            s.record("x", "0");
            s.flush();
        }
        if (store.end(room, clock.millis())) {
            relay.publish(List.of(frame("ended", room)));
        }
    }

    /** A student's side of a room, while its socket is open here. */
    private final class Student {
        final String room;
        final WsContext ctx;
        final boolean recording;
        final ScreenText screen = new ScreenText(LiveSettings.SCREEN_CHARS);
        final List<HubLive.Event> events = new ArrayList<>();
        final java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();
        long seq;
        int cols;
        int rows;
        boolean paused;
        long windowStart = System.nanoTime();
        long windowBytes;
        boolean flooding;
        /**
         * The viewers this connection was asked about: a viewer who asks just as the student connects is in the
         * stored asks the connection replays and in the relay's message too, and must reach the student once.
         */
        final java.util.Set<String> asked = java.util.concurrent.ConcurrentHashMap.newKeySet();

        Student(HubLive.Room room, WsContext ctx) {
            this.room = room.id();
            this.ctx = ctx;
            this.recording = room.allowRecording();
            this.seq = room.lastSeq();
            this.cols = room.cols();
            this.rows = room.rows();
        }

        void send(String text) {
            try {
                ctx.session.sendText(text, Callback.NOOP);
            } catch (RuntimeException e) {
                // a closed socket: its close handler tidies up
            }
        }

        void fault(String message) {
            ObjectNode o = JSON.createObjectNode().put("t", "error").put("error", message)
                    .put("fix", "Update progy to the version the server expects, then share again.");
            close(o.toString(), 1008, "protocol fault");
        }

        void close(int code, String reason) {
            close(null, code, reason);
        }

        void close(String last, int code, String reason) {
            Session session = ctx.session;
            Runnable closing = () -> session.close(code, reason, Callback.NOOP);
            if (last == null) {
                closing.run();
            } else {
                session.sendText(last, Callback.from(closing, e -> closing.run()));
            }
        }

        synchronized void output(String d) {
            if (paused || d.isEmpty()) {
                return;
            }
            long now = System.nanoTime();
            if (now - windowStart >= 1_000_000_000L) {
                windowStart = now;
                windowBytes = 0;
                if (flooding) {
                    flooding = false;
                    relay.publish(List.of(frame("reset", room)));
                }
            }
            windowBytes += utf8Length(d);
            screen.append(d);
            record("o", d);
            if (windowBytes > settings.maxBytes() && !flooding) {
                flooding = true;
                ObjectNode o = JSON.createObjectNode().put("t", "chat").put("from", "Progy server")
                        .put("text", "You are sending more than " + settings.maxBytes() / 1024 + " KiB a second: "
                                + "viewers get the screen again when it slows down.");
                send(o.toString());
            }
            List<String> frames = new ArrayList<>();
            for (String piece : split(d, p -> chunkFrame(seq + 1, p))) {
                seq++;
                if (!flooding) {
                    frames.add(chunkFrame(seq, piece));
                }
            }
            if (!frames.isEmpty()) {
                relay.publish(frames);
            }
        }

        private String chunkFrame(long n, String piece) {
            return JSON.createObjectNode().put("k", "o").put("r", room).put("seq", n).put("d", piece).toString();
        }

        synchronized void size(int c, int r) {
            cols = c;
            rows = r;
            record("r", c + "x" + r);
            relay.publish(List.of(JSON.createObjectNode().put("k", "size").put("r", room).put("cols", c)
                    .put("rows", r).toString()));
        }

        synchronized void pause(boolean on) {
            if (paused != on) {
                paused = on;
                relay.publish(List.of(frame(on ? "paused" : "resumed", room)));
            }
        }

        void answer(String viewer, List<String> from, String to) {
            if (viewer.isEmpty() || !store.moveViewer(room, viewer, from, to)) {
                sendViewers();
                return;
            }
            String k = switch (to) {
                case "allowed" -> "allow";
                case "denied" -> "deny";
                default -> "remove";
            };
            relay.publish(List.of(JSON.createObjectNode().put("k", k).put("r", room).put("v", viewer).toString()));
            sendViewers();
        }

        void sendViewers() {
            ObjectNode o = JSON.createObjectNode().put("t", "viewers");
            ArrayNode list = o.putArray("list");
            for (HubLive.Viewer v : store.viewers(room, "allowed")) {
                list.addObject().put("viewer", v.id()).put("name", v.name());
            }
            send(o.toString());
        }

        /** Sends a snapshot of the screen, for viewer {@code v}'s request {@code id}, through the relay. */
        synchronized void snapshot(String v, String id) {
            String redraw = screen.redraw();
            long at = seq;
            List<String> pieces = split(redraw, p -> snapFrame(v, id, 0, 1, at, p));
            List<String> frames = new ArrayList<>();
            for (int i = 0; i < pieces.size(); i++) {
                frames.add(snapFrame(v, id, i, pieces.size(), at, pieces.get(i)));
            }
            relay.publish(frames);
        }

        private String snapFrame(String v, String id, int i, int n, long at, String piece) {
            return JSON.createObjectNode().put("k", "snap").put("r", room).put("v", v).put("id", id).put("i", i)
                    .put("n", n).put("seq", at).put("cols", cols).put("rows", rows).put("paused", paused)
                    .put("d", piece).toString();
        }

        synchronized void record(String code, String data) {
            if (recording) {
                events.add(new HubLive.Event(clock.millis(), code, data));
            }
        }

        void flush() {
            List<HubLive.Event> out;
            synchronized (this) {
                if (events.isEmpty()) {
                    return;
                }
                out = new ArrayList<>(events);
                events.clear();
            }
            try {
                store.record(room, out);
            } catch (RuntimeException e) {
                LOG.atWarn().setCause(e).log("a live recording could not be stored");
            }
        }

        synchronized void tick() {
            if (flooding && System.nanoTime() - windowStart >= 1_000_000_000L) {
                flooding = false;
                windowStart = System.nanoTime();
                windowBytes = 0;
                relay.publish(List.of(frame("reset", room)));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // a viewer's socket

    void viewerConnected(WsContext ctx, HubLive.Viewer row) {
        keepAlive(ctx);
        Viewer v = new Viewer(row, ctx);
        Viewer old = viewers.put(row.id(), v);
        if (old != null) {
            old.close(null, 1000, "the viewer connected again");
        }
        // the state is read after the link is in place, so an answer given meanwhile is not missed
        HubLive.Viewer now = store.viewer(row.id()).orElseThrow();
        boolean open = store.room(row.room()).map(HubLive.Room::open).orElse(false);
        synchronized (v) {
            if (!open || now.state().equals("left")) {
                v.close(frame("ended"), 1000, "the room ended");
            } else if (now.state().equals("denied")) {
                v.close(frame("denied"), 1000, "the student said no");
            } else if (now.state().equals("removed")) {
                v.close(frame("removed"), 1000, "the student removed this viewer");
            } else if (now.state().equals("allowed")) {
                if (v.state == Viewer.State.WAITING) {
                    v.resync();
                }
            } else {
                v.enqueue(frame("waiting"));
            }
        }
    }

    void viewerMessage(WsContext ctx, String id, String text) {
        Viewer v = viewers.get(id);
        if (v == null || v.ctx.session != ctx.session) {
            return;
        }
        String chat = null;
        try {
            JsonNode m = JSON.readTree(text);
            if (m.isObject() && m.size() == 2 && "chat".equals(m.path("t").asText()) && m.path("text").isTextual()) {
                chat = m.get("text").asText().strip();
            }
        } catch (JsonProcessingException e) {
            // counted below
        }
        synchronized (v) {
            if (chat == null || v.state == Viewer.State.WAITING) {
                if (++v.bad >= LiveSettings.BAD_FRAMES) {
                    v.close(JSON.createObjectNode().put("t", "error").put("error", "This viewer sent "
                            + LiveSettings.BAD_FRAMES + " frames that are not chat: a viewer may only send chat.")
                            .put("fix", "Use the room's page or progy join, which send only chat.").toString(),
                            1008, "only chat");
                }
                return;
            }
        }
        if (chat.isEmpty()) {
            return;
        }
        synchronized (v) {
            if (!v.mayChat(System.nanoTime())) {
                return;
            }
        }
        if (chat.length() > LiveSettings.CHAT_CHARS) {
            chat = chat.substring(0, LiveSettings.CHAT_CHARS);
        }
        relay.publish(List.of(JSON.createObjectNode().put("k", "chat").put("r", v.room).put("v", v.id)
                .put("from", v.name).put("text", chat).toString()));
    }

    void viewerClosed(WsContext ctx, String id) {
        ctx.disableAutomaticPings();
        Viewer v = viewers.get(id);
        if (v != null && v.ctx.session == ctx.session) {
            viewers.remove(id, v);
        }
    }

    /** A viewer's side of a room, while its socket is open here. */
    private final class Viewer {
        enum State { WAITING, SYNCING, LIVE, CLOSED }

        private record Held(long seq, String frame) { }

        private record Queued(String text, long atNanos) { }

        final String id;
        final String room;
        final String name;
        final WsContext ctx;
        State state = State.WAITING;
        int bad;
        String syncId = "";
        final StringBuilder snap = new StringBuilder();
        int snapParts;
        final List<Held> held = new ArrayList<>();
        long heldChars;
        long lastSeq = -1;
        final ArrayDeque<Queued> queue = new ArrayDeque<>();
        long queuedChars;
        boolean sending;
        boolean lagging;
        double chatTokens = LiveSettings.CHAT_BURST;
        long chatRefilled = System.nanoTime();
        boolean chatRefusedSaid;

        Viewer(HubLive.Viewer row, WsContext ctx) {
            this.id = row.id();
            this.room = row.room();
            this.name = row.name();
            this.ctx = ctx;
        }

        /**
         * Takes one chat message from this viewer's bucket ({@link LiveSettings#CHAT_BURST} at once, then one every
         * {@link LiveSettings#CHAT_EVERY}); past it the message is dropped and the viewer told once, until the
         * bucket has room again. Called holding this viewer's lock.
         */
        boolean mayChat(long nowNanos) {
            double every = LiveSettings.CHAT_EVERY.toNanos();
            chatTokens = Math.min(LiveSettings.CHAT_BURST, chatTokens + (nowNanos - chatRefilled) / every);
            chatRefilled = nowNanos;
            if (chatTokens >= 1) {
                chatTokens -= 1;
                chatRefusedSaid = false;
                return true;
            }
            if (!chatRefusedSaid) {
                chatRefusedSaid = true;
                long wait = (long) Math.ceil((1 - chatTokens) * every / 1_000_000_000d);
                enqueue(JSON.createObjectNode().put("t", "notice").put("text", "Too many chat messages: at most "
                        + LiveSettings.CHAT_BURST + " at once, then one every " + LiveSettings.CHAT_EVERY.toSeconds()
                        + " seconds. That one was not sent; send it again in " + Math.max(1, wait) + " s.")
                        .toString());
            }
            return false;
        }

        /** Asks the student's instance for the screen, holding the chunks that arrive until it comes. */
        synchronized void resync() {
            if (state == State.CLOSED) {
                return;
            }
            state = State.SYNCING;
            syncId = newId();
            held.clear();
            heldChars = 0;
            snap.setLength(0);
            snapParts = 0;
            relay.publish(List.of(JSON.createObjectNode().put("k", "snapreq").put("r", room).put("v", id)
                    .put("id", syncId).toString()));
        }

        synchronized void chunk(long seq, String frame) {
            if (state == State.SYNCING) {
                held.add(new Held(seq, frame));
                heldChars += frame.length();
                if (heldChars > LiveSettings.VIEWER_QUEUE_CHARS) {
                    resync();
                }
            } else if (state == State.LIVE && !lagging) {
                if (seq >= 0) {
                    if (seq <= lastSeq) {
                        return;
                    }
                    lastSeq = seq;
                }
                enqueue(frame);
            }
        }

        synchronized void snapPart(JsonNode m) {
            if (state != State.SYNCING || !syncId.equals(m.path("id").asText())) {
                return;
            }
            int i = m.path("i").asInt();
            int n = m.path("n").asInt();
            if (i != snapParts) {
                resync();
                return;
            }
            snap.append(m.path("d").asText());
            snapParts++;
            if (snapParts < n) {
                return;
            }
            long seq = m.path("seq").asLong();
            state = State.LIVE;
            lastSeq = seq;
            enqueue(JSON.createObjectNode().put("t", "snap").put("seq", seq).put("cols", m.path("cols").asInt())
                    .put("rows", m.path("rows").asInt()).put("d", snap.toString()).toString());
            snap.setLength(0);
            if (m.path("paused").asBoolean()) {
                enqueue(frame("paused"));
            }
            List<Held> later = new ArrayList<>(held);
            held.clear();
            heldChars = 0;
            for (Held h : later) {
                chunk(h.seq(), h.frame());
            }
        }

        synchronized void enqueue(String text) {
            if (state == State.CLOSED) {
                return;
            }
            queue.add(new Queued(text, System.nanoTime()));
            queuedChars += text.length();
            if (queuedChars > LiveSettings.VIEWER_QUEUE_CHARS) {
                lag();
                return;
            }
            pump();
        }

        /** Too far behind: what is queued is dropped; when the frame on its way is sent, a fresh screen follows. */
        synchronized void lag() {
            queue.clear();
            queuedChars = 0;
            lagging = true;
            if (!sending) {
                lagging = false;
                resync();
            }
        }

        private synchronized void pump() {
            if (sending || queue.isEmpty() || state == State.CLOSED) {
                return;
            }
            Queued q = queue.poll();
            queuedChars -= q.text().length();
            sending = true;
            try {
                ctx.session.sendText(q.text(), Callback.from(this::sent, e -> closed()));
            } catch (RuntimeException e) {
                closed();
            }
        }

        private synchronized void sent() {
            sending = false;
            if (lagging && queue.isEmpty()) {
                lagging = false;
                resync();
                return;
            }
            pump();
        }

        private synchronized void closed() {
            state = State.CLOSED;
            queue.clear();
            sending = false;
        }

        synchronized boolean behind() {
            Queued head = queue.peek();
            return head != null && System.nanoTime() - head.atNanos() > LiveSettings.VIEWER_LAG.toNanos();
        }

        synchronized void close(String last, int code, String reason) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            queue.clear();
            Session session = ctx.session;
            Runnable closing = () -> session.close(code, reason, Callback.NOOP);
            if (last == null) {
                closing.run();
            } else {
                try {
                    session.sendText(last, Callback.from(closing, e -> closing.run()));
                } catch (RuntimeException e) {
                    closing.run();
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the relay

    /** Tells the student of {@code room} (wherever connected) that {@code viewer} asks to watch. */
    void asked(HubLive.Viewer viewer) {
        relay.publish(List.of(JSON.createObjectNode().put("k", "ask").put("r", viewer.room()).put("v", viewer.id())
                .put("name", viewer.name()).put("role", viewer.role()).put("org", viewer.org()).toString()));
    }

    private static String ask(HubLive.Viewer v) {
        return JSON.createObjectNode().put("t", "ask").put("viewer", v.id()).put("name", v.name())
                .put("role", v.role()).put("org", v.org()).toString();
    }

    private void received(String text) {
        JsonNode m;
        try {
            m = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return;
        }
        String k = m.path("k").asText();
        String room = m.path("r").asText();
        String v = m.path("v").asText("");
        switch (k) {
            case "o" -> {
                String out = JSON.createObjectNode().put("t", "o").put("seq", m.path("seq").asLong())
                        .put("d", m.path("d").asText()).toString();
                long seq = m.path("seq").asLong();
                forViewers(room, x -> x.chunk(seq, out));
            }
            case "size" -> {
                String out = JSON.createObjectNode().put("t", "size").put("cols", m.path("cols").asInt())
                        .put("rows", m.path("rows").asInt()).toString();
                forViewers(room, x -> x.chunk(-1, out));
            }
            case "paused", "resumed" -> forViewers(room, x -> x.chunk(-1, frame(k)));
            case "ended" -> {
                forViewers(room, x -> x.close(frame("ended"), 1000, "the room ended"));
                Student s = students.remove(room);
                if (s != null) {
                    s.close(1000, "the room ended");
                }
            }
            case "reset" -> forViewers(room, x -> {
                synchronized (x) {
                    if (x.state == Viewer.State.LIVE || x.state == Viewer.State.SYNCING) {
                        x.resync();
                    }
                }
            });
            case "allow" -> withViewer(v, room, x -> {
                synchronized (x) {
                    if (x.state == Viewer.State.WAITING) {
                        x.resync();
                    }
                }
            });
            case "deny" -> withViewer(v, room, x -> x.close(frame("denied"), 1000, "the student said no"));
            case "remove" -> withViewer(v, room, x -> x.close(frame("removed"), 1000, "removed by the student"));
            case "snap" -> withViewer(v, room, x -> x.snapPart(m));
            case "ask" -> withStudent(room, s -> {
                if (s.asked.add(v)) {
                    s.send(JSON.createObjectNode().put("t", "ask").put("viewer", v)
                            .put("name", m.path("name").asText()).put("role", m.path("role").asText())
                            .put("org", m.path("org").asText()).toString());
                }
            });
            case "chat" -> withStudent(room, s -> s.send(JSON.createObjectNode().put("t", "chat")
                    .put("from", m.path("from").asText()).put("text", m.path("text").asText()).toString()));
            case "snapreq" -> withStudent(room, s -> s.snapshot(v, m.path("id").asText()));
            default -> { }
        }
    }

    private void forViewers(String room, java.util.function.Consumer<Viewer> each) {
        for (Viewer x : viewers.values()) {
            if (x.room.equals(room)) {
                each.accept(x);
            }
        }
    }

    private void withViewer(String id, String room, java.util.function.Consumer<Viewer> then) {
        Viewer x = viewers.get(id);
        if (x != null && x.room.equals(room)) {
            then.accept(x);
        }
    }

    private void withStudent(String room, java.util.function.Consumer<Student> then) {
        Student s = students.get(room);
        if (s != null) {
            then.accept(s);
        }
    }

    private void tick() {
        try {
            ticks++;
            long now = clock.millis();
            for (Student s : students.values()) {
                s.tick();
                s.flush();
                if (ticks % 10 == 0) {
                    store.seen(s.room, now, s.seq);
                }
            }
            for (Viewer x : viewers.values()) {
                if (x.behind()) {
                    x.lag();
                }
            }
            if (ticks % 5 == 0) {
                for (Student s : students.values()) {
                    store.seen(s.room, now, s.seq);
                }
                for (String room : store.unattended(now - settings.studentGrace().toMillis())) {
                    if (!students.containsKey(room) && store.end(room, now)) {
                        relay.publish(List.of(frame("ended", room)));
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.atWarn().setCause(e).log("live rooms' upkeep failed; trying again in a second");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * A quiet terminal is still shared: the server pings every 15 s (clients answer by themselves), and a socket
     * that answers nothing for a minute is closed (then the room waits for its student, or the viewer reconnects).
     */
    private static void keepAlive(WsContext ctx) {
        ctx.session.setIdleTimeout(java.time.Duration.ofSeconds(60));
        ctx.enableAutomaticPings(15, TimeUnit.SECONDS);
    }

    private static String frame(String t) {
        return "{\"t\":\"" + t + "\"}";
    }

    private static String frame(String k, String room) {
        return JSON.createObjectNode().put("k", k).put("r", room).toString();
    }

    private static String shorten(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "…" : s;
    }

    /** Pieces of {@code d} whose frames ({@code frameOf}) fit the relay, split at code point boundaries. */
    static List<String> split(String d, Function<String, String> frameOf) {
        List<String> out = new ArrayList<>();
        split(d, frameOf, out);
        return out;
    }

    private static void split(String d, Function<String, String> frameOf, List<String> out) {
        if (d.length() <= 1 || utf8Length(frameOf.apply(d)) <= LiveRelay.MAX_FRAME) {
            out.add(d);
            return;
        }
        int mid = d.length() / 2;
        if (Character.isLowSurrogate(d.charAt(mid)) && Character.isHighSurrogate(d.charAt(mid - 1))) {
            mid--;
        }
        split(d.substring(0, mid), frameOf, out);
        split(d.substring(mid), frameOf, out);
    }

    static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        for (Student s : students.values()) {
            s.flush();
        }
        relay.close();
    }
}
