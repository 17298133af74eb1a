package dev.progy.server.account;

import dev.progy.server.TestDatabasesAccess;
import dev.progy.sync.hub.HubDeviceCodes;
import dev.progy.sync.hub.SyncHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Device login on PostgreSQL")
class PostgresDeviceLoginTest {

    String database;

    @AfterEach
    void drop() {
        TestDatabasesAccess.drop(database);
    }

    @Test
    @DisplayName("a code started on one instance is approved on another, and of many polls at once through both only one gets the token")
    void oneTokenAcrossInstances() throws Exception {
        database = TestDatabasesAccess.postgres();
        try (SyncHub one = SyncHub.open(database, 4, Clock.systemUTC());
             SyncHub two = SyncHub.open(database, 4, Clock.systemUTC())) {
            DeviceLogin first = new DeviceLogin(one, Clock.systemUTC());
            DeviceLogin second = new DeviceLogin(two, Clock.systemUTC());
            People.Person ada = new People(one, new Passwords(1024, 1, 2)).signUp("ada", "ada@example.org",
                    "correct horse battery");

            DeviceLogin.Started waiting = first.start("progy-cli", "", "ada-desktop");
            assertThat(second.poll("progy-cli", waiting.deviceCode())).isEqualTo(new HubDeviceCodes.Poll.Pending(5));

            DeviceLogin.Started s = first.start("progy-cli", "sync read", "ada-laptop");
            second.approve(s.userCode(), ada, "10.0.0.1");

            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<HubDeviceCodes.Poll>> polls = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    DeviceLogin via = i % 2 == 0 ? first : second;
                    polls.add(pool.submit((Callable<HubDeviceCodes.Poll>) () -> via.poll("progy-cli", s.deviceCode())));
                }
                int issued = 0;
                for (Future<HubDeviceCodes.Poll> f : polls) {
                    if (f.get() instanceof HubDeviceCodes.Poll.Issued) {
                        issued++;
                    }
                }
                assertThat(issued).as("one token, however many polls at once").isEqualTo(1);
                assertThat(one.directory().tokens(ada.account())).hasSize(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
