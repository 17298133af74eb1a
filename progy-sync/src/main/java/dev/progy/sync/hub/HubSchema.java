package dev.progy.sync.hub;

import dev.progy.error.ProgyException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * The hub's schema, as versioned migrations applied in order when a server starts and recorded in
 * {@code hub_schema_version}. Every statement is accepted by SQLite and PostgreSQL alike (TEXT, BIGINT, INTEGER,
 * {@code ON CONFLICT}); ids are made by the hub, not by an auto-increment column, whose syntax differs.
 *
 * <p>Two instances starting at once on one PostgreSQL must not both migrate: the migration runs in one
 * transaction holding a transaction-scoped advisory lock, so the second waits, then finds the work done (DDL is
 * transactional on PostgreSQL). On SQLite, {@code BEGIN IMMEDIATE} is that lock.
 *
 * <p>Each migration's statements are checksummed (SHA-256) into {@code hub_schema_checksum} when applied (or,
 * for a database older than the checksums, when first seen): a migration edited after a database applied it stops
 * the server at start instead of leaving databases that differ under one version number. So the migrations are
 * numbered, checksummed, locked and transactional on both databases — what Flyway would give, without a second
 * migration history to carry over for the databases already running.
 *
 * <p>Version 14: the AI tutor ({@link HubTutor}): {@code hub_ai_key}, an account's own model key sealed with
 * envelope encryption (the master key's id, the wrapped data key, the ciphertext; shown only by provider and last four
 * characters); {@code hub_ai_plan}, the plan an admin gave an account; {@code hub_ai_usage}, lessons and tokens per
 * account per UTC day; {@code hub_tutor_lesson}, the lessons asked for, their state, diagnosis, text and rating.
 * <p>Version 15: live help ({@link HubLive}): {@code hub_live_room} (a student's shared terminal: owner, title,
 * options, size, state, when the student's socket was last seen, the last chunk number), {@code hub_live_invite}
 * (invite codes as their SHA-256, with expiry), {@code hub_live_invitee} (accounts named by the student),
 * {@code hub_live_viewer} (requests to watch and their answers) and {@code hub_live_event} (recordings).
 *
 * <p>Version 13: course analytics from the CLI's telemetry ({@link HubTelemetry}): {@code hub_telemetry_event}, the
 * append-only raw events under a random installation id; {@code hub_telemetry_batch}, the batch keys received with
 * their answers; figures per course, version, exercise and day ({@code hub_telemetry_daily}), the attempts until
 * pass ({@code hub_telemetry_attempts}) and error signatures ({@code hub_telemetry_signature}) per day, and each
 * day's roll-up bookmark ({@code hub_telemetry_rollup}).
 *
 * <p>Version 12: download statistics ({@link HubDownloads}): {@code hub_download_event}, one append-only row per
 * archive served; {@code hub_download_salt}, the daily secret of the client hashes; {@code hub_download_seen}, the
 * clients a running roll-up counted; daily counts per version ({@code hub_download_version_daily}) and course
 * ({@code hub_download_course_daily}, the series), all-time totals ({@code hub_download_course_total}), the
 * rankings ({@code hub_download_top}), each day's roll-up bookmark ({@code hub_download_rollup}) and archive
 * ({@code hub_download_archive}).
 *
 * <p>Version 11: the course registry ({@link HubRegistry}): {@code hub_course} (an {@code @scope/slug} name, its
 * scope, the account that first published it, {@code public} or {@code private}, a summary, and when an admin
 * deleted it), {@code hub_course_version} (one row per publish of a version: {@code pending}, {@code live} or
 * {@code rejected}, the live archive's SHA-256, size and signature with the signing key's id, verified and yanked
 * marks, the publish id and the blob key of the uploaded archive), {@code hub_publish_step} (each pipeline step's
 * state, a line of detail and its Guard findings as JSON), {@code hub_course_reader} (accounts a private course is
 * shared with), {@code hub_course_audit} (admin acts on courses, kept after the course) and
 * {@code hub_registry_key} (the registry's Ed25519 signing keys, each endorsed by the one before).
 *
 * <p>Version 10: {@code hub_rate_bucket}, the rate limits' token buckets (Bucket4j's state per key), shared by
 * every instance on PostgreSQL.
 *
 * <p>Version 9: {@code hub_job}, durable jobs ({@link HubJobs}): a kind, an idempotency key unique per kind, a
 * payload, a state ({@code queued}, {@code running}, {@code done}, {@code failed}), attempts, when it may run
 * next, and while it runs, which instance holds it and until when ({@code lease_ms}).
 *
 * <p>Version 8: {@code hub_device_code}, the requests of the OAuth 2.0 device authorization grant (RFC 8628) that
 * {@code progy login} makes: the device code and the user code kept as their SHA-256 only, the client, the scopes
 * asked, the label the token will get, expiry, the polling interval (raised by each poll that came too early) and
 * the time of the last poll, the state ({@code pending}, {@code approved}, {@code denied}, {@code used}) and who
 * decided. A request is kept a day past its expiry, so a late poll is still told {@code expired_token}.
 *
 * <p>Version 7: the web pages: {@code hub_web_session}, a signed-in browser's session (the SHA-256 of its random
 * id only, its account, its form token, when it started, was last seen and must end however active it is);
 * {@code hub_web_key}, one random secret shared by every instance that signs the forms shown before anyone signs
 * in; {@code hub_invite}, sign-up invitations made by an administrator (the SHA-256 of the code only), each used
 * once.
 *
 * <p>Version 6: {@code hub_login_failure}, failed sign-ins by subject (an e-mail address or a network address)
 * and time, so that every instance limits sign-in attempts alike.
 *
 * <p>Version 5: {@code hub_account.stored_rows} and {@code stored_bytes}, what the account keeps (rows of
 * {@code hub_record} and the characters of their texts), kept up to date by each push, for the per-account quota.
 *
 * <p>Version 4: people sign in: {@code hub_account} gains {@code email} (unique, lower case), {@code password_hash}
 * (a PHC string: algorithm and parameters recorded per hash, so they can be raised) and {@code role}
 * ({@code student}, {@code instructor}, {@code admin}); organisations ({@code hub_org}, an {@code @scope}) with
 * their members ({@code hub_org_member}, role {@code owner} or {@code member}).
 *
 * <p>Version 3: {@code hub_token}, an account's tokens, each with its scopes (space-separated), an optional expiry
 * ({@code expires_ms}, epoch milliseconds) and a revoked flag, stored as the SHA-256 of the token only. The tokens
 * operators made before (one per account, in {@code hub_account.token_hash}) move there with the scope
 * {@code sync}, so they keep working; {@code hub_account.token_hash} then only holds a unique placeholder.
 *
 * <p>Version 2: {@code hub_account.token_hint}, the first characters of its token (now unused).
 *
 * <p>Version 1:
 * <ul>
 *   <li>{@code hub_account}: a student's account; {@code token_hash} is the SHA-256 of its bearer token;
 *       {@code last_seq} the highest sequence number given to one of its changes. Updating this row is also the
 *       lock that orders the account's pushes (see {@link HubSync}).</li>
 *   <li>{@code hub_record}: one row per (account, course, item): the record's canonical JSON and the sequence
 *       number of the change that last wrote it; unique per account, so a cursor names one change. The key puts
 *       the item id before its kind so that a push's {@code item_id IN (…)} lookups walk the key's index.</li>
 *   <li>{@code hub_push}: the idempotency keys of the pushes applied, per account, with a hash of what each
 *       pushed (the SHA-256 of its push list as sent, see {@link dev.progy.sync.wire.SyncRequest.Received})
 *       and the answer it got, so a retried push applies once and is answered the same; kept
 *       {@value HubSync#KEY_DAYS} days (a push retried later still counts once: merging is idempotent).</li>
 * </ul>
 */
final class HubSchema {

    static final int LATEST = 15;

    /** The advisory lock key of migrations on PostgreSQL ("progy" in ASCII). */
    private static final long MIGRATION_LOCK = 0x70726f6779L;

    private static final List<List<String>> MIGRATIONS = List.of(List.of(
            """
            CREATE TABLE hub_account (
                id         BIGINT NOT NULL PRIMARY KEY,
                name       TEXT   NOT NULL UNIQUE,
                token_hash TEXT   NOT NULL UNIQUE,
                last_seq   BIGINT NOT NULL,
                created_at TEXT   NOT NULL
            )""",
            """
            CREATE TABLE hub_record (
                account_id BIGINT NOT NULL REFERENCES hub_account (id),
                course_id  TEXT   NOT NULL,
                item_kind  TEXT   NOT NULL,
                item_id    TEXT   NOT NULL,
                seq        BIGINT NOT NULL,
                body       TEXT   NOT NULL,
                PRIMARY KEY (account_id, course_id, item_id, item_kind)
            )""",
            "CREATE UNIQUE INDEX hub_record_seq ON hub_record (account_id, seq)",
            """
            CREATE TABLE hub_push (
                account_id      BIGINT  NOT NULL REFERENCES hub_account (id),
                idempotency_key TEXT    NOT NULL,
                push_hash       TEXT    NOT NULL,
                stored          INTEGER NOT NULL,
                created_ms      BIGINT  NOT NULL,
                PRIMARY KEY (account_id, idempotency_key)
            )"""),
            // 2: the first characters of an account's token, for an administrator to tell tokens apart (kept for
            // databases that applied it; tokens and their scopes live in hub_token from version 3 on)
            List.of("ALTER TABLE hub_account ADD COLUMN token_hint TEXT"), List.of(
            """
            CREATE TABLE hub_token (
                id         BIGINT NOT NULL PRIMARY KEY,
                account_id BIGINT NOT NULL REFERENCES hub_account (id),
                token_hash TEXT   NOT NULL UNIQUE,
                scopes     TEXT   NOT NULL,
                label      TEXT   NOT NULL,
                created_at TEXT   NOT NULL,
                expires_ms BIGINT,
                revoked    INTEGER NOT NULL
            )""",
            "CREATE INDEX hub_token_account ON hub_token (account_id)",
            """
            INSERT INTO hub_token (id, account_id, token_hash, scopes, label, created_at, expires_ms, revoked)
            SELECT id, id, token_hash, 'sync', 'made by an operator', created_at, NULL,
                   CASE WHEN token_hash LIKE 'revoked:%' THEN 1 ELSE 0 END
            FROM hub_account""",
            "UPDATE hub_account SET token_hash = 'moved:' || CAST(id AS TEXT)"), List.of(
            "ALTER TABLE hub_account ADD COLUMN email TEXT",
            "ALTER TABLE hub_account ADD COLUMN password_hash TEXT",
            "ALTER TABLE hub_account ADD COLUMN role TEXT NOT NULL DEFAULT 'student'",
            "CREATE UNIQUE INDEX hub_account_email ON hub_account (email)",
            """
            CREATE TABLE hub_org (
                id         BIGINT NOT NULL PRIMARY KEY,
                scope      TEXT   NOT NULL UNIQUE,
                created_at TEXT   NOT NULL
            )""",
            """
            CREATE TABLE hub_org_member (
                org_id     BIGINT NOT NULL REFERENCES hub_org (id),
                account_id BIGINT NOT NULL REFERENCES hub_account (id),
                role       TEXT   NOT NULL,
                PRIMARY KEY (org_id, account_id)
            )"""), List.of(
            "ALTER TABLE hub_account ADD COLUMN stored_rows BIGINT NOT NULL DEFAULT 0",
            "ALTER TABLE hub_account ADD COLUMN stored_bytes BIGINT NOT NULL DEFAULT 0",
            """
            UPDATE hub_account SET
                stored_rows = (SELECT COUNT(*) FROM hub_record r WHERE r.account_id = hub_account.id),
                stored_bytes = (SELECT COALESCE(SUM(LENGTH(r.body)), 0) FROM hub_record r
                                WHERE r.account_id = hub_account.id)"""), List.of(
            """
            CREATE TABLE hub_login_failure (
                subject TEXT   NOT NULL,
                at_ms   BIGINT NOT NULL
            )""",
            "CREATE INDEX hub_login_failure_subject ON hub_login_failure (subject, at_ms)"), List.of(
            """
            CREATE TABLE hub_web_session (
                id_hash    TEXT   NOT NULL PRIMARY KEY,
                account_id BIGINT NOT NULL REFERENCES hub_account (id),
                csrf       TEXT   NOT NULL,
                created_ms BIGINT NOT NULL,
                seen_ms    BIGINT NOT NULL,
                expires_ms BIGINT NOT NULL
            )""",
            "CREATE INDEX hub_web_session_account ON hub_web_session (account_id)",
            """
            CREATE TABLE hub_web_key (
                id     INTEGER NOT NULL PRIMARY KEY,
                secret TEXT    NOT NULL
            )""",
            """
            CREATE TABLE hub_invite (
                code_hash  TEXT   NOT NULL PRIMARY KEY,
                made_by    BIGINT NOT NULL REFERENCES hub_account (id),
                created_ms BIGINT NOT NULL,
                used_by    BIGINT REFERENCES hub_account (id),
                used_ms    BIGINT
            )"""), List.of(
            """
            CREATE TABLE hub_device_code (
                id          BIGINT  NOT NULL PRIMARY KEY,
                device_hash TEXT    NOT NULL UNIQUE,
                user_hash   TEXT    NOT NULL UNIQUE,
                client_id   TEXT    NOT NULL,
                scopes      TEXT    NOT NULL,
                label       TEXT    NOT NULL,
                created_ms  BIGINT  NOT NULL,
                expires_ms  BIGINT  NOT NULL,
                interval_s  INTEGER NOT NULL,
                polled_ms   BIGINT  NOT NULL,
                state       TEXT    NOT NULL,
                account_id  BIGINT  REFERENCES hub_account (id),
                token_expires_ms BIGINT
            )""",
            "CREATE INDEX hub_device_code_expires ON hub_device_code (expires_ms)"), List.of(
            // 9: durable jobs (see HubJobs)
            """
            CREATE TABLE hub_job (
                id           BIGINT  NOT NULL PRIMARY KEY,
                kind         TEXT    NOT NULL,
                job_key      TEXT    NOT NULL,
                payload      TEXT    NOT NULL,
                state        TEXT    NOT NULL,
                attempts     INTEGER NOT NULL,
                max_attempts INTEGER NOT NULL,
                run_at_ms    BIGINT  NOT NULL,
                owner        TEXT,
                lease_ms     BIGINT,
                last_error   TEXT,
                created_ms   BIGINT  NOT NULL,
                finished_ms  BIGINT,
                UNIQUE (kind, job_key)
            )""",
            "CREATE INDEX hub_job_due ON hub_job (state, run_at_ms)"), List.of(
            // 10: rate-limit token buckets shared by every instance (Bucket4j's rows: its serialized state, and when
            // the bucket would be full again, after which the row may go)
            """
            CREATE TABLE hub_rate_bucket (
                id         TEXT   NOT NULL PRIMARY KEY,
                state      BYTEA,
                expires_at BIGINT
            )""",
            "CREATE INDEX hub_rate_bucket_expiry ON hub_rate_bucket (expires_at)"), List.of(
            // 11: the course registry (see HubRegistry)
            """
            CREATE TABLE hub_course (
                id         BIGINT NOT NULL PRIMARY KEY,
                name       TEXT   NOT NULL UNIQUE,
                scope      TEXT   NOT NULL,
                owner_id   BIGINT NOT NULL REFERENCES hub_account (id),
                visibility TEXT   NOT NULL,
                summary    TEXT   NOT NULL,
                created_ms BIGINT NOT NULL,
                deleted_ms BIGINT
            )""",
            "CREATE INDEX hub_course_scope ON hub_course (scope)",
            """
            CREATE TABLE hub_course_version (
                id           BIGINT  NOT NULL PRIMARY KEY,
                course_id    BIGINT  NOT NULL REFERENCES hub_course (id),
                version      TEXT    NOT NULL,
                state        TEXT    NOT NULL,
                sha256       TEXT,
                size         BIGINT  NOT NULL,
                signature    TEXT,
                key_id       TEXT,
                verified     INTEGER NOT NULL,
                yanked       INTEGER NOT NULL,
                created_ms   BIGINT  NOT NULL,
                live_ms      BIGINT,
                publish_id   TEXT    NOT NULL UNIQUE,
                publisher_id BIGINT  NOT NULL REFERENCES hub_account (id),
                staged       TEXT    NOT NULL,
                UNIQUE (course_id, version)
            )""",
            """
            CREATE TABLE hub_publish_step (
                version_id BIGINT NOT NULL REFERENCES hub_course_version (id),
                step       TEXT   NOT NULL,
                position   INTEGER NOT NULL,
                state      TEXT   NOT NULL,
                detail     TEXT   NOT NULL,
                findings   TEXT   NOT NULL,
                PRIMARY KEY (version_id, step)
            )""",
            """
            CREATE TABLE hub_course_reader (
                course_id  BIGINT NOT NULL REFERENCES hub_course (id),
                account_id BIGINT NOT NULL REFERENCES hub_account (id),
                PRIMARY KEY (course_id, account_id)
            )""",
            """
            CREATE TABLE hub_course_audit (
                id         BIGINT NOT NULL PRIMARY KEY,
                course     TEXT   NOT NULL,
                action     TEXT   NOT NULL,
                account_id BIGINT NOT NULL,
                at_ms      BIGINT NOT NULL,
                detail     TEXT   NOT NULL
            )""",
            """
            CREATE TABLE hub_registry_key (
                id          TEXT    NOT NULL PRIMARY KEY,
                public_key  TEXT    NOT NULL,
                private_key TEXT    NOT NULL,
                created_ms  BIGINT  NOT NULL,
                endorsed_by TEXT,
                endorsement TEXT,
                current     INTEGER NOT NULL
            )"""),
            HubDownloads.MIGRATION,
            HubTelemetry.MIGRATION,
            HubTutor.MIGRATION,
            HubLive.MIGRATION);

    private HubSchema() { }

    /** Brings the database to {@link #LATEST}; returns the version it is at. */
    static int migrate(HubDatabase db) throws SQLException {
        return db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                if (db.dialect() == HubDatabase.Dialect.POSTGRESQL) {
                    s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
                }
                s.execute("CREATE TABLE IF NOT EXISTS hub_schema_version (version INTEGER NOT NULL PRIMARY KEY, "
                        + "applied_at TEXT NOT NULL)");
                int current = version(c);
                if (current > LATEST) {
                    throw new ProgyException("The database " + db.shown() + " was set up by a newer Progy server "
                            + "(schema version " + current + ", this one knows up to " + LATEST + ").",
                            "Run the newer server, or point this one at another database.");
                }
                s.execute("CREATE TABLE IF NOT EXISTS hub_schema_checksum (version INTEGER NOT NULL PRIMARY KEY, "
                        + "checksum TEXT NOT NULL)");
                verify(c, db, current);
                for (int v = current + 1; v <= LATEST; v++) {
                    for (String sql : MIGRATIONS.get(v - 1)) {
                        s.execute(sql);
                    }
                    try (PreparedStatement p = c.prepareStatement(
                            "INSERT INTO hub_schema_version (version, applied_at) VALUES (?, ?)")) {
                        p.setInt(1, v);
                        p.setString(2, Instant.now().toString());
                        p.executeUpdate();
                    }
                    record(c, v);
                }
                return LATEST;
            }
        });
    }

    /** The checksum of migration {@code version}: SHA-256 over its statements, in order. */
    static String checksum(int version) {
        MessageDigest sha = sha256();
        for (String sql : MIGRATIONS.get(version - 1)) {
            sha.update(sql.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Refuses a database whose applied migrations differ from this server's; records missing checksums. */
    private static void verify(Connection c, HubDatabase db, int applied) throws SQLException {
        for (int v = 1; v <= Math.min(applied, LATEST); v++) {
            try (PreparedStatement p = c.prepareStatement("SELECT checksum FROM hub_schema_checksum WHERE version = ?")) {
                p.setInt(1, v);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        record(c, v);
                    } else if (!rs.getString(1).equals(checksum(v))) {
                        throw new ProgyException("The database " + db.shown() + " applied schema migration " + v
                                + " in another form than this server's.",
                                "Run the server version that set the database up, or restore the database from a backup.");
                    }
                }
            }
        }
    }

    private static void record(Connection c, int version) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO hub_schema_checksum (version, checksum) VALUES (?, ?)")) {
            p.setInt(1, version);
            p.setString(2, checksum(version));
            p.executeUpdate();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Whether every migration this server knows is applied, with its checksum as this server has it. */
    static boolean current(Connection c) throws SQLException {
        if (version(c) != LATEST) {
            return false;
        }
        try (PreparedStatement p = c.prepareStatement("SELECT checksum FROM hub_schema_checksum WHERE version = ?")) {
            p.setInt(1, LATEST);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() && rs.getString(1).equals(checksum(LATEST));
            }
        }
    }

    static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM hub_schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
