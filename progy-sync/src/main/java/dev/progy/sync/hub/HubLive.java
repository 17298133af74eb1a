package dev.progy.sync.hub;

import dev.progy.error.ProgyException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Live help (issue 17): rooms a student shares a terminal in, their invites and viewers, and the recordings of the
 * rooms that allow it. Every instance reads the same rows, so a room's student and viewers may be on different
 * instances; the frames themselves travel through {@link Channel} (PostgreSQL's LISTEN/NOTIFY), not these tables.
 * <ul>
 *   <li>{@code hub_live_room}: the owner, title, options, screen size, {@code open} or {@code ended}, when the
 *       student's socket was last seen, and the last output chunk number.</li>
 *   <li>{@code hub_live_invite}: the SHA-256 of each invite code, its room and expiry.</li>
 *   <li>{@code hub_live_invitee}: accounts the student named, who may ask without a code.</li>
 *   <li>{@code hub_live_viewer}: each request to watch: its account, {@code asked}, {@code allowed},
 *       {@code denied}, {@code removed} or {@code left}, and whether it was ever allowed (recordings).</li>
 *   <li>{@code hub_live_event}: the recorded events of a room that allows recording (asciicast v3's events).</li>
 * </ul>
 */
public final class HubLive {

    /** A room as stored. */
    public record Room(String id, long owner, String ownerName, String title, boolean runsOnly,
                       boolean allowRecording, int cols, int rows, String state, long createdMs, long studentSeenMs,
                       long lastSeq) {
        public boolean open() {
            return "open".equals(state);
        }
    }

    /** A request to watch a room. */
    public record Viewer(String id, String room, long account, String name, String role, String org, String state,
                         boolean wasAllowed) { }

    /** One recorded event: milliseconds since the epoch, asciicast's code ({@code o}, {@code r}, {@code x}), data. */
    public record Event(long atMs, String code, String data) { }

    /** A limit that refuses a room or a viewer. */
    public static final class LimitReached extends ProgyException {
        public LimitReached(String message, String fix) {
            super(message, fix);
        }
    }

    static final List<String> MIGRATION = List.of(
            """
            CREATE TABLE hub_live_room (
                id              TEXT    NOT NULL PRIMARY KEY,
                owner_id        BIGINT  NOT NULL REFERENCES hub_account (id),
                title           TEXT    NOT NULL,
                runs_only       INTEGER NOT NULL,
                allow_recording INTEGER NOT NULL,
                cols            INTEGER NOT NULL,
                rows_count      INTEGER NOT NULL,
                state           TEXT    NOT NULL,
                created_ms      BIGINT  NOT NULL,
                student_seen_ms BIGINT  NOT NULL,
                ended_ms        BIGINT,
                last_seq        BIGINT  NOT NULL
            )""",
            "CREATE INDEX hub_live_room_owner ON hub_live_room (owner_id, state)",
            """
            CREATE TABLE hub_live_invite (
                code_hash  TEXT   NOT NULL PRIMARY KEY,
                room_id    TEXT   NOT NULL REFERENCES hub_live_room (id),
                expires_ms BIGINT NOT NULL
            )""",
            """
            CREATE TABLE hub_live_invitee (
                room_id    TEXT   NOT NULL REFERENCES hub_live_room (id),
                account_id BIGINT NOT NULL REFERENCES hub_account (id),
                PRIMARY KEY (room_id, account_id)
            )""",
            """
            CREATE TABLE hub_live_viewer (
                id          TEXT    NOT NULL PRIMARY KEY,
                room_id     TEXT    NOT NULL REFERENCES hub_live_room (id),
                account_id  BIGINT  NOT NULL REFERENCES hub_account (id),
                name        TEXT    NOT NULL,
                role        TEXT    NOT NULL,
                org         TEXT    NOT NULL,
                state       TEXT    NOT NULL,
                was_allowed INTEGER NOT NULL,
                created_ms  BIGINT  NOT NULL
            )""",
            "CREATE INDEX hub_live_viewer_room ON hub_live_viewer (room_id, state)",
            """
            CREATE TABLE hub_live_event (
                room_id TEXT    NOT NULL REFERENCES hub_live_room (id),
                n       BIGINT  NOT NULL,
                at_ms   BIGINT  NOT NULL,
                code    TEXT    NOT NULL,
                data    TEXT    NOT NULL,
                PRIMARY KEY (room_id, n)
            )""");

    private final HubDatabase db;
    private final DatabaseSpec spec;

    HubLive(HubDatabase db, DatabaseSpec spec) {
        this.db = db;
        this.spec = spec;
    }

    /** Whether frames may travel between instances through the database ({@link #channel}). */
    public boolean shared() {
        return spec != null && spec.postgres();
    }

    /**
     * Makes a room for {@code owner}, unless they have {@code maxRooms} open already; {@code invitees} are account
     * names that may ask without a code (an unknown name refuses the room).
     */
    public Room createRoom(String id, long owner, String title, boolean runsOnly, boolean allowRecording, int cols,
                           int rows, List<String> invitees, long nowMs, int maxRooms) {
        return db.writing("make the room in", c -> {
            // the owner's row orders their room creations, so two at once cannot both pass the limit
            try (PreparedStatement p = c.prepareStatement(db.dialect() == HubDatabase.Dialect.POSTGRESQL
                    ? "SELECT name FROM hub_account WHERE id = ? FOR UPDATE" : "SELECT name FROM hub_account WHERE id = ?")) {
                p.setLong(1, owner);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                }
            }
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT COUNT(*) FROM hub_live_room WHERE owner_id = ? AND state = 'open'")) {
                p.setLong(1, owner);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) >= maxRooms) {
                        throw new LimitReached("You are sharing " + rs.getInt(1) + " terminal"
                                + (rs.getInt(1) == 1 ? "" : "s") + " already, the most this server allows at once.",
                                "End a sharing session you no longer need (press Ctrl-] or type exit in it), then "
                                        + "share again.");
                    }
                }
            }
            List<Long> invited = new ArrayList<>();
            for (String name : invitees) {
                try (PreparedStatement p = c.prepareStatement("SELECT id FROM hub_account WHERE name = ?")) {
                    p.setString(1, name);
                    try (ResultSet rs = p.executeQuery()) {
                        if (!rs.next()) {
                            throw new ProgyException("There is no account named " + name + " to invite.",
                                    "Check the name with the person you want to invite, or share the invite code.");
                        }
                        invited.add(rs.getLong(1));
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO hub_live_room (id, owner_id, title, runs_only, "
                    + "allow_recording, cols, rows_count, state, created_ms, student_seen_ms, last_seq) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, 0)")) {
                p.setString(1, id);
                p.setLong(2, owner);
                p.setString(3, title);
                p.setInt(4, runsOnly ? 1 : 0);
                p.setInt(5, allowRecording ? 1 : 0);
                p.setInt(6, cols);
                p.setInt(7, rows);
                p.setLong(8, nowMs);
                p.setLong(9, nowMs);
                p.executeUpdate();
            }
            for (long a : invited) {
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO hub_live_invitee (room_id, account_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                    p.setString(1, id);
                    p.setLong(2, a);
                    p.executeUpdate();
                }
            }
            return room(c, id).orElseThrow();
        });
    }

    /** Stores an invite code (as its hash) for {@code room} until {@code expiresMs}. */
    public void addInvite(String room, String codeHash, long expiresMs) {
        db.writing("store the invite in", c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO hub_live_invite (code_hash, room_id, expires_ms) VALUES (?, ?, ?)")) {
                p.setString(1, codeHash);
                p.setString(2, room);
                p.setLong(3, expiresMs);
                p.executeUpdate();
            }
            return null;
        });
    }

    /** The open room an unexpired invite (by its hash) opens. */
    public Optional<Room> roomByInvite(String codeHash, long nowMs) {
        return db.reading("read the invite from", c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT room_id FROM hub_live_invite WHERE code_hash = ? AND expires_ms > ?")) {
                p.setString(1, codeHash);
                p.setLong(2, nowMs);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Room>empty();
                    }
                    return room(c, rs.getString(1)).filter(Room::open);
                }
            }
        });
    }

    public Optional<Room> room(String id) {
        return db.reading("read the room from", c -> room(c, id));
    }

    private static Optional<Room> room(Connection c, String id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT r.id, r.owner_id, a.name, r.title, r.runs_only, "
                + "r.allow_recording, r.cols, r.rows_count, r.state, r.created_ms, r.student_seen_ms, r.last_seq "
                + "FROM hub_live_room r JOIN hub_account a ON a.id = r.owner_id WHERE r.id = ?")) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Room(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5) != 0, rs.getInt(6) != 0, rs.getInt(7), rs.getInt(8), rs.getString(9),
                        rs.getLong(10), rs.getLong(11), rs.getLong(12)));
            }
        }
    }

    /** Whether the student named {@code account} when making {@code room}. */
    public boolean invited(String room, long account) {
        return db.reading("read the room from", c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT 1 FROM hub_live_invitee WHERE room_id = ? AND account_id = ?")) {
                p.setString(1, room);
                p.setLong(2, account);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /**
     * Records {@code account} asking to watch {@code room} (or returns its request that is still asked or
     * allowed), unless the room has {@code maxViewers} watching or asking already.
     */
    public Viewer addViewer(String id, String room, long account, long nowMs, int maxViewers) {
        return db.writing("record the request to watch in", c -> {
            try (PreparedStatement p = c.prepareStatement(db.dialect() == HubDatabase.Dialect.POSTGRESQL
                    ? "SELECT state FROM hub_live_room WHERE id = ? FOR UPDATE" : "SELECT state FROM hub_live_room WHERE id = ?")) {
                p.setString(1, room);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                }
            }
            try (PreparedStatement p = c.prepareStatement("SELECT id FROM hub_live_viewer WHERE room_id = ? "
                    + "AND account_id = ? AND state IN ('asked', 'allowed')")) {
                p.setString(1, room);
                p.setLong(2, account);
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next()) {
                        return viewer(c, rs.getString(1)).orElseThrow();
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM hub_live_viewer WHERE room_id = ? "
                    + "AND state IN ('asked', 'allowed')")) {
                p.setString(1, room);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) >= maxViewers) {
                        throw new LimitReached("This room has " + rs.getInt(1)
                                + " viewers already, the most this server allows.",
                                "Ask the student to remove a viewer who is done, then ask again.");
                    }
                }
            }
            String name;
            String role;
            try (PreparedStatement p = c.prepareStatement("SELECT name, role FROM hub_account WHERE id = ?")) {
                p.setLong(1, account);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    name = rs.getString(1);
                    role = rs.getString(2);
                }
            }
            String org = "";
            try (PreparedStatement p = c.prepareStatement("SELECT o.scope FROM hub_org_member m JOIN hub_org o "
                    + "ON o.id = m.org_id WHERE m.account_id = ? ORDER BY o.scope")) {
                p.setLong(1, account);
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next()) {
                        org = rs.getString(1);
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO hub_live_viewer (id, room_id, account_id, name, "
                    + "role, org, state, was_allowed, created_ms) VALUES (?, ?, ?, ?, ?, ?, 'asked', 0, ?)")) {
                p.setString(1, id);
                p.setString(2, room);
                p.setLong(3, account);
                p.setString(4, name);
                p.setString(5, role == null ? "student" : role);
                p.setString(6, org);
                p.setLong(7, nowMs);
                p.executeUpdate();
            }
            return viewer(c, id).orElseThrow();
        });
    }

    public Optional<Viewer> viewer(String id) {
        return db.reading("read the viewer from", c -> viewer(c, id));
    }

    private static Optional<Viewer> viewer(Connection c, String id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT id, room_id, account_id, name, role, org, state, "
                + "was_allowed FROM hub_live_viewer WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(viewerOf(rs));
            }
        }
    }

    private static Viewer viewerOf(ResultSet rs) throws SQLException {
        return new Viewer(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getInt(8) != 0);
    }

    /**
     * Moves a viewer of {@code room} from {@code from} (any of them) to {@code to}; false when it was not in one of
     * those states (already answered, removed, or not of this room).
     */
    public boolean moveViewer(String room, String id, List<String> from, String to) {
        return db.writing("change the viewer in", c -> {
            StringBuilder in = new StringBuilder();
            for (int i = 0; i < from.size(); i++) {
                in.append(i == 0 ? "?" : ", ?");
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE hub_live_viewer SET state = ?, was_allowed = "
                    + "CASE WHEN ? = 'allowed' THEN 1 ELSE was_allowed END WHERE id = ? AND room_id = ? AND state IN ("
                    + in + ")")) {
                p.setString(1, to);
                p.setString(2, to);
                p.setString(3, id);
                p.setString(4, room);
                for (int i = 0; i < from.size(); i++) {
                    p.setString(5 + i, from.get(i));
                }
                return p.executeUpdate() == 1;
            }
        });
    }

    /** The viewers of {@code room} in {@code state}, oldest first. */
    public List<Viewer> viewers(String room, String state) {
        return db.reading("read the viewers from", c -> {
            List<Viewer> all = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT id, room_id, account_id, name, role, org, state, "
                    + "was_allowed FROM hub_live_viewer WHERE room_id = ? AND state = ? ORDER BY created_ms, id")) {
                p.setString(1, room);
                p.setString(2, state);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        all.add(viewerOf(rs));
                    }
                }
            }
            return all;
        });
    }

    /** Whether {@code account} was ever allowed to watch {@code room}. */
    public boolean wasAllowed(String room, long account) {
        return db.reading("read the viewers from", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM hub_live_viewer WHERE room_id = ? "
                    + "AND account_id = ? AND was_allowed = 1")) {
                p.setString(1, room);
                p.setLong(2, account);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Ends an open room: its viewers are ended with it; false when it was not open. */
    public boolean end(String room, long nowMs) {
        return db.writing("end the room in", c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE hub_live_room SET state = 'ended', ended_ms = ? WHERE id = ? AND state = 'open'")) {
                p.setLong(1, nowMs);
                p.setString(2, room);
                if (p.executeUpdate() == 0) {
                    return false;
                }
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE hub_live_viewer SET state = 'left' WHERE room_id = ? "
                    + "AND state IN ('asked', 'allowed')")) {
                p.setString(1, room);
                p.executeUpdate();
            }
            return true;
        });
    }

    /** Notes that the student's socket of {@code room} is alive at {@code nowMs}, with the last chunk number. */
    public void seen(String room, long nowMs, long lastSeq) {
        db.writing("note the room in", c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE hub_live_room SET student_seen_ms = ?, "
                    + "last_seq = CASE WHEN last_seq > ? THEN last_seq ELSE ? END WHERE id = ?")) {
                p.setLong(1, nowMs);
                p.setLong(2, lastSeq);
                p.setLong(3, lastSeq);
                p.setString(4, room);
                p.executeUpdate();
            }
            return null;
        });
    }

    /** Open rooms whose student was last seen before {@code beforeMs}. */
    public List<String> unattended(long beforeMs) {
        return db.reading("read the rooms from", c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT id FROM hub_live_room WHERE state = 'open' AND student_seen_ms < ?")) {
                p.setLong(1, beforeMs);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return ids;
        });
    }

    /** Appends recorded events of {@code room} after those stored. */
    public void record(String room, List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        db.writing("store the recording in", c -> {
            long n;
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT COALESCE(MAX(n), 0) FROM hub_live_event WHERE room_id = ?")) {
                p.setString(1, room);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    n = rs.getLong(1);
                }
            }
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO hub_live_event (room_id, n, at_ms, code, data) VALUES (?, ?, ?, ?, ?)")) {
                for (Event e : events) {
                    p.setString(1, room);
                    p.setLong(2, ++n);
                    p.setLong(3, e.atMs());
                    p.setString(4, e.code());
                    p.setString(5, e.data());
                    p.addBatch();
                }
                p.executeBatch();
            }
            return null;
        });
    }

    /** Hands {@code room}'s recorded events to {@code each}, in order, a page at a time. */
    public void recording(String room, Consumer<Event> each) {
        db.reading("read the recording from", c -> {
            long after = 0;
            while (true) {
                int got = 0;
                try (PreparedStatement p = c.prepareStatement("SELECT n, at_ms, code, data FROM hub_live_event "
                        + "WHERE room_id = ? AND n > ? ORDER BY n LIMIT 1000")) {
                    p.setString(1, room);
                    p.setLong(2, after);
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            after = rs.getLong(1);
                            each.accept(new Event(rs.getLong(2), rs.getString(3), rs.getString(4)));
                            got++;
                        }
                    }
                }
                if (got < 1000) {
                    return null;
                }
            }
        });
    }

    /**
     * A dedicated connection that listens on the PostgreSQL channel {@code name} and hands every notification's
     * payload to {@code receive}, on its own thread, in the order the database delivers them; {@link Channel#send}
     * notifies it (through a second dedicated connection, so a send never waits behind the listening).
     */
    public Channel channel(String name, Consumer<String> receive) {
        if (!shared()) {
            throw new IllegalStateException("LISTEN/NOTIFY needs PostgreSQL");
        }
        return new Channel(spec, name, receive);
    }

    /** A LISTEN/NOTIFY channel on two dedicated connections. */
    public static final class Channel implements AutoCloseable {
        private final DatabaseSpec spec;
        private final String name;
        private final Consumer<String> receive;
        private final Thread listener;
        private volatile boolean closed;
        private volatile Connection listening;
        private Connection sending;
        private PreparedStatement notify;
        private final java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);

        Channel(DatabaseSpec spec, String name, Consumer<String> receive) {
            this.spec = spec;
            this.name = name;
            this.receive = receive;
            this.listener = new Thread(this::listen, "progy-live-listen");
            listener.setDaemon(true);
            listener.start();
            try {
                if (!ready.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    throw new ProgyException("Could not listen for live frames on the database " + spec.shown() + ".",
                            "Check that the database is reachable.");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void listen() {
            long backoff = 100;
            while (!closed) {
                try (Connection c = DriverManager.getConnection(spec.jdbcUrl(), spec.properties())) {
                    listening = c;
                    try (Statement s = c.createStatement()) {
                        s.execute("LISTEN " + name);
                    }
                    ready.countDown();
                    backoff = 100;
                    org.postgresql.PGConnection pg = c.unwrap(org.postgresql.PGConnection.class);
                    while (!closed) {
                        org.postgresql.PGNotification[] got = pg.getNotifications(500);
                        if (got != null) {
                            for (org.postgresql.PGNotification n : got) {
                                try {
                                    receive.accept(n.getParameter());
                                } catch (RuntimeException e) {
                                    // one bad frame must not stop the others
                                }
                            }
                        }
                    }
                } catch (SQLException e) {
                    if (closed) {
                        return;
                    }
                    try {
                        Thread.sleep(backoff);
                    } catch (InterruptedException ie) {
                        return;
                    }
                    backoff = Math.min(5_000, backoff * 2);
                }
            }
        }

        /**
         * Notifies every listener of the channel (on every instance) of {@code payloads}, in order, in one round trip
         * and one transaction (the notifications of one transaction are delivered in the order they were made).
         */
        public synchronized void send(List<String> payloads) {
            if (payloads.isEmpty()) {
                return;
            }
            for (int attempt = 1; ; attempt++) {
                try {
                    if (sending == null || sending.isClosed()) {
                        sending = DriverManager.getConnection(spec.jdbcUrl(), spec.properties());
                        notify = sending.prepareStatement("SELECT count(pg_notify(?, x)) FROM (SELECT x FROM "
                                + "unnest(?::text[]) WITH ORDINALITY AS t(x, i) ORDER BY i) ordered");
                    }
                    notify.setString(1, name);
                    notify.setArray(2, sending.createArrayOf("text", payloads.toArray()));
                    try (ResultSet rs = notify.executeQuery()) {
                        rs.next();
                    }
                    return;
                } catch (SQLException e) {
                    closeSending();
                    if (attempt == 3) {
                        throw new ProgyException("Could not relay live frames through the database " + spec.shown()
                                + ".", "Check that the database is reachable.", e);
                    }
                }
            }
        }

        private void closeSending() {
            try {
                if (sending != null) {
                    sending.close();
                }
            } catch (SQLException e) {
                // closing a broken connection
            }
            sending = null;
        }

        @Override
        public void close() {
            closed = true;
            try {
                listener.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                closeSending();
            }
        }
    }

}
