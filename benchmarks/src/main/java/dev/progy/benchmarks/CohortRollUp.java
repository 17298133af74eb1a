package dev.progy.benchmarks;

import dev.progy.sync.hub.HubTelemetry;
import dev.progy.sync.hub.SyncHub;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * The server's daily telemetry roll-up, run on a server's database as its durable job runs it, but on the day the
 * roll-ups become final ({@value HubTelemetry#INACTIVE_DAYS} quiet days after the last day with events): the end of
 * {@code telemetry-cohort.sh}, whose cohort's events are all from today. Prints the days and the events rolled up.
 * <pre>java -cp benchmarks.jar dev.progy.benchmarks.CohortRollUp sqlite:/path/server.db</pre>
 */
public final class CohortRollUp {
    private CohortRollUp() { }

    public static void main(String[] args) throws Exception {
        try (SyncHub hub = SyncHub.open(args[0], 1, Clock.systemUTC())) {
            HubTelemetry store = hub.telemetry();
            List<String> days = store.openDays();
            if (days.isEmpty()) {
                System.out.println("0 days, 0 events rolled up");
                return;
            }
            LocalDate later = LocalDate.parse(days.get(days.size() - 1)).plusDays(HubTelemetry.INACTIVE_DAYS + 1);
            long events = 0;
            long t0 = System.nanoTime();
            for (String day : days) {
                events += store.rollUp(day, later).events();
            }
            System.out.printf("%d days, %d events rolled up in %d ms%n", days.size(), events,
                    (System.nanoTime() - t0) / 1_000_000);
        }
    }
}
