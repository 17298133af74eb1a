package dev.progy.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The AI quota and rate limit hold across two instances on one PostgreSQL")
class PostgresTutorQuotaTest {

    private String database;

    @AfterEach
    void drop() {
        TestDatabases.drop(database);
    }

    @Test
    @DisplayName("80 concurrent lesson requests spread over two instances get exactly the plan's 12 lessons; the rest 429")
    void quotaHolds() throws Exception {
        database = TestDatabases.postgres();
        try (ScriptedModel model = new ScriptedModel().byDefault(ScriptedModel.Answer.says("# A lesson"))) {
            String[] settings = {"ai-key", "sk-server-key-0000", "ai-base-url", model.url(),
                    "ai-plans", "free:lessons=12,tokens=unlimited", "rate-ai", "100000/1m"};
            try (ProgyServer one = TestServers.start(database, settings);
                 ProgyServer two = TestServers.start(database, settings)) {
                TutorCalls ada = TutorCalls.account(one, "ada");
                List<Integer> statuses = hammer(ada, one, two, 80);
                assertThat(statuses).containsOnly(202, 429);
                assertThat(statuses.stream().filter(s -> s == 202).count()).isEqualTo(12);
                assertThat(one.hub().tutor().usage(ada.account(one), java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                        .toString()).lessons()).isEqualTo(12);
            }
        }
    }

    @Test
    @DisplayName("the per-account AI rate is one shared bucket: 40 concurrent requests over two instances let 6 through")
    void rateHolds() throws Exception {
        database = TestDatabases.postgres();
        try (ScriptedModel model = new ScriptedModel().byDefault(ScriptedModel.Answer.says("# A lesson"))) {
            String[] settings = {"ai-key", "sk-server-key-0000", "ai-base-url", model.url(),
                    "ai-plans", "free:lessons=1000,tokens=unlimited", "rate-ai", "6/1h"};
            try (ProgyServer one = TestServers.start(database, settings);
                 ProgyServer two = TestServers.start(database, settings)) {
                TutorCalls ada = TutorCalls.account(one, "ada");
                List<Integer> statuses = hammer(ada, one, two, 40);
                assertThat(statuses).containsOnly(202, 429);
                assertThat(statuses.stream().filter(s -> s == 202).count()).isEqualTo(6);
            }
        }
    }

    /** {@code n} different lesson requests at once, alternating between the two instances; their statuses. */
    private static List<Integer> hammer(TutorCalls account, ProgyServer one, ProgyServer two, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                TutorCalls on = account.on(i % 2 == 0 ? one : two);
                int k = i;
                calls.add(() -> on.post("/api/v1/tutor/lessons", TutorCalls.lessonRequest("basics/a", k)).status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
