package dev.progy.server.web;

import dev.progy.sync.hub.HubAccount;
import dev.progy.sync.hub.SyncHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class SessionsTest {

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void pass(Duration d) {
            now = now.plus(d);
        }
    }

    final TestClock clock = new TestClock();
    SyncHub hub;
    Sessions sessions;
    HubAccount ada;
    HubAccount bo;

    /** The database the hub is on; PostgresSessionsTest uses PostgreSQL. */
    String database(Path tmp) {
        return "sqlite:" + tmp.resolve("hub.db");
    }

    void dropDatabase() { }

    @BeforeEach
    void open(@TempDir Path tmp) {
        hub = SyncHub.open(database(tmp), 1, clock);
        sessions = new Sessions(hub.web(), new WebSettings("", false, Duration.ofMinutes(30), Duration.ofHours(8)),
                clock);
        hub.createAccount("ada");
        hub.createAccount("bo");
        ada = hub.token(hub.createToken("ada", java.util.Set.of("read"), java.util.Optional.empty(), "t"))
                .orElseThrow().account();
        bo = hub.token(hub.createToken("bo", java.util.Set.of("read"), java.util.Optional.empty(), "t"))
                .orElseThrow().account();
    }

    @AfterEach
    void close() {
        hub.close();
        dropDatabase();
    }

    @Test
    @DisplayName("a session is found by its id, which is random, and kept only as a hash")
    void foundByItsId() {
        String id = sessions.start(ada);
        assertThat(id).hasSize(43).isNotEqualTo(sessions.start(ada));
        Sessions.Signed s = sessions.find(id).orElseThrow();
        assertThat(s.caller().name()).isEqualTo("ada");
        assertThat(s.csrf()).hasSize(43);
        assertThat(sessions.find(id.substring(1) + "A")).isEmpty();
        assertThat(sessions.find("short")).isEmpty();
        assertThat(sessions.find(null)).isEmpty();
    }

    @Test
    @DisplayName("a session not used for the idle time ends; one used keeps going until its lifetime, then ends")
    void idleAndAbsoluteExpiry() {
        String idle = sessions.start(ada);
        String busy = sessions.start(ada);
        for (int i = 0; i < 23; i++) { // 23 × 20 minutes: 7 h 40 min
            clock.pass(Duration.ofMinutes(20));
            assertThat(sessions.find(busy)).as("used every 20 minutes, after " + (i + 1) * 20 + " min").isPresent();
            if (i == 1) {
                assertThat(sessions.find(idle)).as("unused for 40 minutes").isEmpty();
            }
        }
        clock.pass(Duration.ofMinutes(20)); // 8 hours after sign-in
        assertThat(sessions.find(busy)).as("past its lifetime, however active").isEmpty();
    }

    @Test
    @DisplayName("signing out everywhere ends every session of that account only")
    void endAll() {
        String one = sessions.start(ada);
        String two = sessions.start(ada);
        String other = sessions.start(bo);
        assertThat(sessions.count(ada)).isEqualTo(2);
        sessions.endAll(ada);
        assertThat(sessions.find(one)).isEmpty();
        assertThat(sessions.find(two)).isEmpty();
        assertThat(sessions.find(other)).isPresent();
    }

    @Test
    @DisplayName("the token of a form shown before sign-in depends on its browser's cookie and a shared secret")
    void formTokens() {
        String nonce = sessions.newFormNonce();
        String token = sessions.formToken(nonce);
        assertThat(sessions.formToken(nonce)).isEqualTo(token);
        assertThat(sessions.formToken(sessions.newFormNonce())).isNotEqualTo(token);
        Sessions another = new Sessions(hub.web(), new WebSettings("", false, Duration.ofMinutes(1),
                Duration.ofMinutes(2)), clock);
        assertThat(another.formToken(nonce)).as("every instance on the database agrees").isEqualTo(token);
    }
}
