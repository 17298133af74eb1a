package dev.progy.sync.hub;

import dev.progy.error.ProgyException;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The course registry's rows: courses ({@code @scope/slug}), their versions (one row per publish, {@code pending}
 * while its pipeline runs, then {@code live} or {@code rejected}) with each pipeline step's state, the accounts a
 * private course is shared with, an audit of admin acts, and the registry's signing keys.
 *
 * <p>Who may do what is decided here, in one place: a course's managers are the account that first published it,
 * the members of the organisation of its scope, and the account whose personal scope it is; its readers are its
 * managers and the accounts it is shared with (everyone, when it is public). A version goes live and is rejected
 * by a conditional update from {@code pending}, so it goes live once however often its last step runs.
 */
public final class HubRegistry {

    public static final String PENDING = "pending";
    public static final String LIVE = "live";
    public static final String REJECTED = "rejected";

    /** A course. {@code scope} is {@code @scope}; {@code visibility} {@code public} or {@code private}. */
    public record Course(long id, String name, String scope, long ownerId, String visibility, String summary,
                         long createdMs, Optional<Long> deletedMs) {
        public boolean isPrivate() {
            return "private".equals(visibility);
        }
    }

    /** One publish of a version of a course, and what became of it. */
    public record Version(long id, long courseId, String course, String version, String state, String publishId,
                          long publisherId, Optional<String> sha256, long size, Optional<String> signature,
                          Optional<String> keyId, boolean verified, boolean yanked, long createdMs,
                          Optional<Long> liveMs, String staged) { }

    /** One step of a publish's pipeline: its state, one line of detail, and its Guard findings (JSON). */
    public record Step(String step, String state, String detail, String findings) { }

    /** A course as a list shows it: its latest live version, and when that went live. */
    public record Listed(String name, String summary, String latest, long updatedMs, long downloads) { }

    /** A signing key of the registry; {@code privateKey} and {@code publicKey} are base64 of their encodings. */
    public record Key(String id, String publicKey, String privateKey, long createdMs, Optional<String> endorsedBy,
                      Optional<String> endorsement, boolean current) { }

    /** An admin act on a course. */
    public record Audit(String course, String action, long accountId, long atMs, String detail) { }

    /** A publish was refused before its pipeline: the version exists, or is being published. */
    public static final class VersionTaken extends ProgyException {
        VersionTaken(String message, String fix) {
            super(message, fix);
        }
    }

    private static final SecureRandom IDS = new SecureRandom();
    private static final String VERSION_COLUMNS = "v.id, v.course_id, c.name, v.version, v.state, v.publish_id, "
            + "v.publisher_id, v.sha256, v.size, v.signature, v.key_id, v.verified, v.yanked, v.created_ms, "
            + "v.live_ms, v.staged";
    private static final String COURSE_COLUMNS = "id, name, scope, owner_id, visibility, summary, created_ms, deleted_ms";

    private final HubDatabase db;

    HubRegistry(HubDatabase db) {
        this.db = db;
    }

    /**
     * Starts the publish {@code publishId} of {@code version} of {@code name} by {@code account}: makes the course
     * (with {@code visibility} and {@code summary}) when it is new, and a {@code pending} version with every one of
     * {@code steps} {@code waiting}. A rejected earlier publish of the same version is replaced (nothing of it was
     * live).
     *
     * @return whether the course is new
     * @throws VersionTaken when the version is live or being published
     */
    public boolean startPublish(String name, String scope, String version, String summary, String visibility,
                                long account, String publishId, String staged, long size, List<String> steps,
                                long nowMs) {
        return write("start a publish in", c -> {
            Optional<Course> existing = courseRow(c, name, true);
            if (existing.isPresent() && existing.get().deletedMs().isPresent()) {
                throw new VersionTaken("The course " + name + " was deleted by an administrator; its name cannot be "
                        + "used again.", "Publish under another name.");
            }
            boolean created = existing.isEmpty();
            long courseId;
            if (created) {
                courseId = newId();
                try (PreparedStatement p = c.prepareStatement("INSERT INTO hub_course (" + COURSE_COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, NULL)")) {
                    p.setLong(1, courseId);
                    p.setString(2, name);
                    p.setString(3, scope);
                    p.setLong(4, account);
                    p.setString(5, visibility);
                    p.setString(6, summary);
                    p.setLong(7, nowMs);
                    p.executeUpdate();
                }
            } else {
                courseId = existing.get().id();
                try (PreparedStatement p = c.prepareStatement("SELECT id, state FROM hub_course_version "
                        + "WHERE course_id = ? AND version = ?" + lock())) {
                    p.setLong(1, courseId);
                    p.setString(2, version);
                    try (ResultSet rs = p.executeQuery()) {
                        if (rs.next()) {
                            String state = rs.getString(2);
                            if (!state.equals(REJECTED)) {
                                throw new VersionTaken(state.equals(LIVE)
                                        ? "Version " + version + " of " + name + " is published already, and a "
                                        + "published version never changes."
                                        : "Version " + version + " of " + name + " is being published already.",
                                        state.equals(LIVE) ? "Raise the version in course.json and publish again."
                                                : "Wait for that publish to finish; it is shown at its status address.");
                            }
                            long old = rs.getLong(1);
                            update(c, "DELETE FROM hub_publish_step WHERE version_id = ?", p2 -> p2.setLong(1, old));
                            update(c, "DELETE FROM hub_course_version WHERE id = ?", p2 -> p2.setLong(1, old));
                        }
                    }
                }
                if (!existing.get().isPrivate() || visibility.equals("private")) {
                    update(c, "UPDATE hub_course SET summary = ? WHERE id = ?", p -> {
                        p.setString(1, summary);
                        p.setLong(2, courseId);
                    });
                }
            }
            long versionId = newId();
            try (PreparedStatement p = c.prepareStatement("INSERT INTO hub_course_version (id, course_id, version, "
                    + "state, sha256, size, signature, key_id, verified, yanked, created_ms, live_ms, publish_id, "
                    + "publisher_id, staged) VALUES (?, ?, ?, 'pending', NULL, ?, NULL, NULL, 0, 0, ?, NULL, ?, ?, ?)")) {
                p.setLong(1, versionId);
                p.setLong(2, courseId);
                p.setString(3, version);
                p.setLong(4, size);
                p.setLong(5, nowMs);
                p.setString(6, publishId);
                p.setLong(7, account);
                p.setString(8, staged);
                p.executeUpdate();
            }
            int position = 0;
            for (String step : steps) {
                int at = position++;
                update(c, "INSERT INTO hub_publish_step (version_id, step, position, state, detail, findings) "
                        + "VALUES (?, ?, ?, 'waiting', '', '[]')", p -> {
                    p.setLong(1, versionId);
                    p.setString(2, step);
                    p.setInt(3, at);
                });
            }
            return created;
        });
    }

    /** The publish {@code publishId}, if any. */
    public Optional<Version> publish(String publishId) {
        return versions("v.publish_id = ?", p -> p.setString(1, publishId)).stream().findFirst();
    }

    /** The ids of the publishes still pending, oldest first. */
    public List<String> pendingPublishes() {
        return versions("v.state = 'pending'", p -> { }).stream().map(Version::publishId).toList();
    }

    /** Every version of the course {@code courseId}, in the order they were published. */
    public List<Version> versions(long courseId) {
        return versions("v.course_id = ?", p -> p.setLong(1, courseId));
    }

    /** The version {@code version} of course {@code courseId}, in whatever state. */
    public Optional<Version> version(long courseId, String version) {
        return versions("v.course_id = ? AND v.version = ?", p -> {
            p.setLong(1, courseId);
            p.setString(2, version);
        }).stream().findFirst();
    }

    /** The pipeline steps of a version, in their order. */
    public List<Step> steps(long versionId) {
        return read("read a publish's steps from", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT step, state, detail, findings FROM hub_publish_step "
                    + "WHERE version_id = ? ORDER BY position")) {
                p.setLong(1, versionId);
                try (ResultSet rs = p.executeQuery()) {
                    List<Step> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new Step(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                    }
                    return out;
                }
            }
        });
    }

    /** Records what step {@code step} of a pending version came to; false when the version is no longer pending. */
    public boolean setStep(long versionId, String step, String state, String detail, String findings) {
        return write("record a publish step in", c -> {
            if (!pending(c, versionId)) {
                return false;
            }
            update(c, "UPDATE hub_publish_step SET state = ?, detail = ?, findings = ? WHERE version_id = ? AND step = ?",
                    p -> {
                        p.setString(1, state);
                        p.setString(2, detail.length() > 1000 ? detail.substring(0, 1000) : detail);
                        p.setString(3, findings);
                        p.setLong(4, versionId);
                        p.setString(5, step);
                    });
            return true;
        });
    }

    /** Rejects a pending version; false when it was not pending (rejected or live already). */
    public boolean reject(long versionId) {
        return write("reject a publish in", c -> update(c, "UPDATE hub_course_version SET state = 'rejected' "
                + "WHERE id = ? AND state = 'pending'", p -> p.setLong(1, versionId)) == 1);
    }

    /**
     * Makes a pending version live with its archive's checksum, size and signature; false when it was not pending
     * (live already: it goes live once).
     */
    public boolean goLive(long versionId, String sha256, long size, String signature, String keyId, boolean verified,
                          long nowMs) {
        return write("make a version live in", c -> update(c, "UPDATE hub_course_version SET state = 'live', "
                + "sha256 = ?, size = ?, signature = ?, key_id = ?, verified = ?, live_ms = ? "
                + "WHERE id = ? AND state = 'pending'", p -> {
                    p.setString(1, sha256);
                    p.setLong(2, size);
                    p.setString(3, signature);
                    p.setString(4, keyId);
                    p.setInt(5, verified ? 1 : 0);
                    p.setLong(6, nowMs);
                    p.setLong(7, versionId);
                }) == 1);
    }

    /** Yanks or un-yanks a live version; false when there is no such live version. */
    public boolean setYanked(long versionId, boolean yanked) {
        return write("yank a version in", c -> update(c, "UPDATE hub_course_version SET yanked = ? WHERE id = ? "
                + "AND state = 'live'", p -> {
                    p.setInt(1, yanked ? 1 : 0);
                    p.setLong(2, versionId);
                }) == 1);
    }

    /** The course {@code name}, unless there is none or an admin deleted it. */
    public Optional<Course> course(String name) {
        return read("read a course from", c -> courseRow(c, name, false));
    }

    /**
     * Deletes the course {@code name} (an admin act by {@code admin}): it disappears from every route, its name stays
     * taken, and an audit record keeps who did it and when. False when there is no such course.
     */
    public boolean delete(String name, long admin, String detail, long nowMs) {
        return write("delete a course in", c -> {
            if (update(c, "UPDATE hub_course SET deleted_ms = ? WHERE name = ? AND deleted_ms IS NULL", p -> {
                p.setLong(1, nowMs);
                p.setString(2, name);
            }) == 0) {
                return false;
            }
            update(c, "INSERT INTO hub_course_audit (id, course, action, account_id, at_ms, detail) "
                    + "VALUES (?, ?, 'delete', ?, ?, ?)", p -> {
                        p.setLong(1, newId());
                        p.setString(2, name);
                        p.setLong(3, admin);
                        p.setLong(4, nowMs);
                        p.setString(5, detail);
                    });
            return true;
        });
    }

    /** The audit records of course {@code name}, oldest first. */
    public List<Audit> audit(String name) {
        return read("read the audit of", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT course, action, account_id, at_ms, detail FROM "
                    + "hub_course_audit WHERE course = ? ORDER BY at_ms, id")) {
                p.setString(1, name);
                try (ResultSet rs = p.executeQuery()) {
                    List<Audit> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new Audit(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                                rs.getString(5)));
                    }
                    return out;
                }
            }
        });
    }

    /** Shares the private course {@code courseId} with the account {@code account} (nothing when it is already). */
    public void addReader(long courseId, long account) {
        write("share a course in", c -> update(c, "INSERT INTO hub_course_reader (course_id, account_id) VALUES (?, ?) "
                + "ON CONFLICT (course_id, account_id) DO NOTHING", p -> {
                    p.setLong(1, courseId);
                    p.setLong(2, account);
                }));
    }

    /** Shares the course {@code courseId} with the account named {@code accountName}; false when there is none. */
    public boolean addReader(long courseId, String accountName) {
        return write("share a course in", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT id FROM hub_account WHERE name = ?")) {
                p.setString(1, accountName);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                    long account = rs.getLong(1);
                    update(c, "INSERT INTO hub_course_reader (course_id, account_id) VALUES (?, ?) "
                            + "ON CONFLICT (course_id, account_id) DO NOTHING", p2 -> {
                                p2.setLong(1, courseId);
                                p2.setLong(2, account);
                            });
                    return true;
                }
            }
        });
    }

    /** Whether {@code account} (named {@code accountName}) manages {@code course}: publishes, yanks, sees pending. */
    public boolean canManage(Course course, long account, String accountName) {
        if (course.ownerId() == account || course.scope().equals("@" + accountName)) {
            return true;
        }
        return memberOf(course.scope(), account);
    }

    /** Whether {@code account} may publish to {@code scope} ({@code @s}): it is theirs, or they belong to it. */
    public boolean canPublishTo(String scope, long account, String accountName) {
        return scope.equals("@" + accountName) || memberOf(scope, account);
    }

    /** Whether the caller ({@code account}, or anonymous when empty) may see {@code course}. */
    public boolean canRead(Course course, Optional<Long> account, Optional<String> accountName) {
        if (!course.isPrivate()) {
            return true;
        }
        if (account.isEmpty()) {
            return false;
        }
        if (canManage(course, account.get(), accountName.orElse(""))) {
            return true;
        }
        return read("read a course's readers from", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM hub_course_reader WHERE course_id = ? "
                    + "AND account_id = ?")) {
                p.setLong(1, course.id());
                p.setLong(2, account.get());
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /**
     * The courses with a live version the caller may see ({@code account}, or anonymous), whose name or summary
     * holds every one of {@code words} (case-insensitive), sorted by {@code name}, most recently {@code updated} or most
     * {@code downloads} (all time, from the download statistics' totals);
     * at most {@code limit}.
     */
    public List<Listed> search(List<String> words, Optional<Long> account, Optional<String> accountName, String sort,
                               int limit) {
        StringBuilder sql = new StringBuilder("SELECT c.name, c.summary, v.version, v.live_ms, "
                + "COALESCE(t.downloads, 0) FROM hub_course c "
                + "JOIN hub_course_version v ON v.course_id = c.id AND v.state = 'live' "
                + "LEFT JOIN hub_download_course_total t ON t.course = c.name "
                + "WHERE c.deleted_ms IS NULL AND (c.visibility = 'public'");
        if (account.isPresent()) {
            sql.append(" OR c.owner_id = ? OR c.scope = ? OR EXISTS (SELECT 1 FROM hub_course_reader r WHERE "
                    + "r.course_id = c.id AND r.account_id = ?) OR EXISTS (SELECT 1 FROM hub_org o JOIN "
                    + "hub_org_member m ON m.org_id = o.id WHERE o.scope = c.scope AND m.account_id = ?)");
        }
        sql.append(")");
        for (int i = 0; i < words.size(); i++) {
            sql.append(" AND (LOWER(c.name) LIKE ? OR LOWER(c.summary) LIKE ?)");
        }
        String sqlText = sql.toString();
        List<Listed> all = read("search the courses of", c -> {
            try (PreparedStatement p = c.prepareStatement(sqlText)) {
                int i = 1;
                if (account.isPresent()) {
                    p.setLong(i++, account.get());
                    p.setString(i++, "@" + accountName.orElse(""));
                    p.setLong(i++, account.get());
                    p.setLong(i++, account.get());
                }
                for (String w : words) {
                    String like = "%" + w.toLowerCase(Locale.ROOT).replace("\\", "").replace("%", "").replace("_", "")
                            + "%";
                    p.setString(i++, like);
                    p.setString(i++, like);
                }
                try (ResultSet rs = p.executeQuery()) {
                    List<Listed> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new Listed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                                rs.getLong(5)));
                    }
                    return out;
                }
            }
        });
        return latest(all, sort, limit);
    }

    /** One entry per course: its newest version by semantic precedence, sorted. */
    private static List<Listed> latest(List<Listed> rows, String sort, int limit) {
        java.util.Map<String, Listed> byName = new java.util.TreeMap<>();
        for (Listed l : rows) {
            Listed had = byName.get(l.name());
            if (had == null || dev.progy.CourseVersions.compare(l.latest(), had.latest()).orElse(0) > 0) {
                byName.put(l.name(), had == null ? l
                        : new Listed(l.name(), l.summary(), l.latest(), Math.max(l.updatedMs(), had.updatedMs()),
                                l.downloads()));
            } else {
                byName.put(l.name(), new Listed(had.name(), had.summary(), had.latest(),
                        Math.max(l.updatedMs(), had.updatedMs()), had.downloads()));
            }
        }
        List<Listed> out = new ArrayList<>(byName.values());
        if (sort.equals("updated")) {
            out.sort(java.util.Comparator.comparingLong(Listed::updatedMs).reversed());
        } else if (sort.equals("downloads")) {
            out.sort(java.util.Comparator.comparingLong(Listed::downloads).reversed()
                    .thenComparing(Listed::name));
        }
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    /**
     * The courses (not deleted) that {@code account} (named {@code accountName}) manages: first published by them,
     * in their personal scope, or of an organisation they belong to; by name. Whatever their versions' states.
     */
    public List<Course> managed(long account, String accountName) {
        return read("read the courses of", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT c.id, c.name, c.scope, c.owner_id, c.visibility, "
                    + "c.summary, c.created_ms FROM hub_course c WHERE c.deleted_ms IS NULL AND (c.owner_id = ? "
                    + "OR c.scope = ? OR EXISTS (SELECT 1 FROM hub_org o JOIN hub_org_member m ON m.org_id = o.id WHERE o.scope = c.scope AND "
                    + "m.account_id = ?)) ORDER BY c.name")) {
                p.setLong(1, account);
                p.setString(2, "@" + accountName);
                p.setLong(3, account);
                List<Course> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Course(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                                rs.getString(5), rs.getString(6), rs.getLong(7), Optional.empty()));
                    }
                }
                return out;
            }
        });
    }

    /** The signing keys, oldest first. */
    public List<Key> keys() {
        return read("read the registry's keys from", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT id, public_key, private_key, created_ms, endorsed_by, "
                    + "endorsement, current FROM hub_registry_key ORDER BY created_ms, id");
                 ResultSet rs = p.executeQuery()) {
                List<Key> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Key(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            Optional.ofNullable(rs.getString(5)), Optional.ofNullable(rs.getString(6)),
                            rs.getInt(7) == 1));
                }
                return out;
            }
        });
    }

    /**
     * Adds {@code key} and makes it the current one, if the current key is still {@code expectedCurrent} (empty: there
     * is none yet); false when another instance changed the keys first (read them again).
     */
    public boolean addKey(Key key, Optional<String> expectedCurrent) {
        return write("add a registry key to", c -> {
            if (db.dialect() == HubDatabase.Dialect.POSTGRESQL) {
                // two instances making the first key at once: the second waits, then sees the first's
                update(c, "LOCK TABLE hub_registry_key IN SHARE ROW EXCLUSIVE MODE", p -> { });
            }
            Optional<String> current = Optional.empty();
            try (PreparedStatement p = c.prepareStatement("SELECT id FROM hub_registry_key WHERE current = 1" + lock());
                 ResultSet rs = p.executeQuery()) {
                if (rs.next()) {
                    current = Optional.of(rs.getString(1));
                }
            }
            if (!current.equals(expectedCurrent)) {
                return false;
            }
            update(c, "UPDATE hub_registry_key SET current = 0 WHERE current = 1", p -> { });
            update(c, "INSERT INTO hub_registry_key (id, public_key, private_key, created_ms, endorsed_by, endorsement, "
                    + "current) VALUES (?, ?, ?, ?, ?, ?, 1) ON CONFLICT (id) DO NOTHING", p -> {
                        p.setString(1, key.id());
                        p.setString(2, key.publicKey());
                        p.setString(3, key.privateKey());
                        p.setLong(4, key.createdMs());
                        p.setString(5, key.endorsedBy().orElse(null));
                        p.setString(6, key.endorsement().orElse(null));
                    });
            return true;
        });
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private boolean memberOf(String scope, long account) {
        return read("read an organisation's members from", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM hub_org o JOIN hub_org_member m ON "
                    + "m.org_id = o.id WHERE o.scope = ? AND m.account_id = ?")) {
                p.setString(1, scope);
                p.setLong(2, account);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    private boolean pending(Connection c, long versionId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT state FROM hub_course_version WHERE id = ?" + lock())) {
            p.setLong(1, versionId);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() && rs.getString(1).equals(PENDING);
            }
        }
    }

    private static Optional<Course> courseRow(Connection c, String name, boolean deletedToo) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COURSE_COLUMNS + " FROM hub_course WHERE name = ?"
                + (deletedToo ? "" : " AND deleted_ms IS NULL"))) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long deleted = rs.getLong(8);
                Optional<Long> deletedMs = rs.wasNull() ? Optional.empty() : Optional.of(deleted);
                return Optional.of(new Course(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6), rs.getLong(7), deletedMs));
            }
        }
    }

    private List<Version> versions(String where, Binder binder) {
        return read("read course versions from", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + VERSION_COLUMNS + " FROM hub_course_version v "
                    + "JOIN hub_course c ON c.id = v.course_id WHERE c.deleted_ms IS NULL AND " + where
                    + " ORDER BY v.created_ms, v.id")) {
                binder.bind(p);
                try (ResultSet rs = p.executeQuery()) {
                    List<Version> out = new ArrayList<>();
                    while (rs.next()) {
                        long live = rs.getLong(15);
                        Optional<Long> liveMs = rs.wasNull() ? Optional.empty() : Optional.of(live);
                        out.add(new Version(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getLong(7), Optional.ofNullable(rs.getString(8)),
                                rs.getLong(9), Optional.ofNullable(rs.getString(10)),
                                Optional.ofNullable(rs.getString(11)), rs.getInt(12) == 1, rs.getInt(13) == 1,
                                rs.getLong(14), liveMs, rs.getString(16)));
                    }
                    return out;
                }
            }
        });
    }

    private String lock() {
        return db.dialect() == HubDatabase.Dialect.POSTGRESQL ? " FOR UPDATE" : "";
    }

    private static long newId() {
        return IDS.nextLong() & Long.MAX_VALUE;
    }

    private interface Binder {
        void bind(PreparedStatement p) throws SQLException;
    }

    private static int update(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            binder.bind(p);
            return p.executeUpdate();
        }
    }

    private <T> T write(String what, HubDatabase.Work<T> work) {
        try {
            return db.inTransaction(work);
        } catch (SQLException e) {
            throw SyncHub.failure(db, what, e);
        }
    }

    private <T> T read(String what, HubDatabase.Work<T> work) {
        try {
            return db.read(work);
        } catch (SQLException e) {
            throw SyncHub.failure(db, what, e);
        }
    }
}
