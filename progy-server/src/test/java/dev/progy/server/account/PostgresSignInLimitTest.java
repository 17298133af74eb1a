package dev.progy.server.account;

import dev.progy.server.TestDatabasesAccess;
import dev.progy.sync.hub.SyncHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Sign-in limits on PostgreSQL")
class PostgresSignInLimitTest {

    String database;

    @AfterEach
    void drop() {
        TestDatabasesAccess.drop(database);
    }

    @Test
    @DisplayName("failed sign-ins through two instances on one database count together")
    void sharedByInstances() {
        database = TestDatabasesAccess.postgres();
        try (SyncHub one = SyncHub.open(database, 2, Clock.systemUTC());
             SyncHub two = SyncHub.open(database, 2, Clock.systemUTC())) {
            People first = new People(one, new Passwords(1024, 1, 2));
            People second = new People(two, new Passwords(1024, 1, 2));
            first.signUp("ada", "ada@example.org", "correct horse battery");
            for (int i = 0; i < People.PER_ACCOUNT; i++) {
                (i % 2 == 0 ? first : second).signIn("ada@example.org", "wrong password", "10.0.0." + i);
            }

            assertThat(first.signIn("ada@example.org", "correct horse battery", "10.0.0.50").retryAfter()).isPresent();
            assertThat(second.signIn("ada@example.org", "correct horse battery", "10.0.0.51").retryAfter()).isPresent();
        }
    }
}
