package dev.progy.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Rate limits on PostgreSQL: the buckets are rows every instance shares. */
@DisplayName("Rate limits shared by instances on one PostgreSQL")
class PostgresRateLimitTest {

    private String database;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        TestDatabases.drop(database);
    }

    @Test
    @DisplayName("requests spread over two instances draw on one allowance: the one past it is refused by either")
    void sharedByInstances() throws Exception {
        database = TestDatabases.postgres();
        ProgyServer one = TestServers.start(database, "rate-write", "5/1m");
        open.add(one);
        ProgyServer two = TestServers.start(database, "rate-write", "5/1m");
        open.add(two);
        String ada = one.accounts().create("ada");
        String bo = one.accounts().create("bo");
        List<String> urls = List.of(TestServers.url(one), TestServers.url(two));

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(RawSync.post(urls.get(i % 2), ada, RawSync.pullBody()).status());
        }
        assertThat(statuses).containsOnly(200);
        RawSync.Answer first = RawSync.post(urls.get(0), ada, RawSync.pullBody());
        RawSync.Answer second = RawSync.post(urls.get(1), ada, RawSync.pullBody());
        assertThat(first.status()).as(first.body()).isEqualTo(429);
        assertThat(second.status()).as(second.body()).isEqualTo(429);
        assertThat(second.body()).contains("\"error\":\"rate_limited\"");
        assertThat(RawSync.post(urls.get(1), bo, RawSync.pullBody()).status()).as("another account").isEqualTo(200);
    }

    @Test
    @DisplayName("when the buckets cannot be reached, a request is answered 503 busy with Retry-After, not 500")
    void bucketsUnreachable() throws Exception {
        database = TestDatabases.postgres();
        ProgyServer server = TestServers.start(database, "rate-write", "5/1m");
        open.add(server);
        String ada = server.accounts().create("ada");
        try (java.sql.Connection c = TestDatabases.connect(database); java.sql.Statement s = c.createStatement()) {
            s.execute("DROP TABLE hub_rate_bucket");
        }
        RawSync.Answer a = RawSync.post(TestServers.url(server), ada, RawSync.pullBody());
        assertThat(a.status()).as(a.body()).isEqualTo(503);
        assertThat(a.body()).isEqualTo("{\"error\":\"busy\",\"message\":\"The server is too busy to take this "
                + "request just now. Try again in a second.\"}");
    }
}
