package dev.progy.server;

import dev.progy.sync.hub.HubAccount;
import dev.progy.sync.hub.HubDownloads;
import dev.progy.sync.hub.HubRegistry;
import dev.progy.sync.hub.SyncHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two reads the registry's web pages add, the same on every database: the courses an account manages (for
 * My courses) and the all-time downloads of public courses only (for the course list).
 */
abstract class CatalogQueriesContract {

    protected abstract String database();

    String database;
    SyncHub hub;
    HubRegistry registry;
    HubAccount ada;
    HubAccount mo;
    HubAccount bo;

    @BeforeEach
    void open() {
        database = database();
        hub = SyncHub.open(database, 2, Clock.systemUTC());
        registry = hub.registry();
        ada = account("ada");
        mo = account("mo");
        bo = account("bo");
        hub.createOrganisation("@school", ada);
        hub.setMember("@school", "mo", "member");
    }

    @AfterEach
    void close() {
        if (hub != null) {
            hub.close();
        }
        TestDatabases.drop(database);
    }

    HubAccount account(String name) {
        return hub.token(hub.createAccount(name)).orElseThrow().account();
    }

    void publish(String name, String visibility, HubAccount by) {
        String scope = name.substring(0, name.indexOf('/'));
        registry.startPublish(name, scope, "1.0.0", "about " + name, visibility, by.id(), "p-" + name.hashCode(),
                "staged/x.progy", 100, List.of("limits"), System.currentTimeMillis());
    }

    @Test
    @DisplayName("an account manages its own courses, its personal scope's and its organisations' (whatever their "
            + "state), never another's nor a deleted one")
    void managed() {
        publish("@ada/own", "public", ada);
        publish("@school/sql", "private", mo);
        publish("@bo/other", "public", bo);
        publish("@ada/gone", "public", ada);
        registry.delete("@ada/gone", ada.id(), "test", System.currentTimeMillis());

        assertThat(registry.managed(ada.id(), "ada")).extracting(HubRegistry.Course::name)
                .containsExactly("@ada/own", "@school/sql");
        assertThat(registry.managed(mo.id(), "mo")).extracting(HubRegistry.Course::name)
                .containsExactly("@school/sql");
        assertThat(registry.managed(bo.id(), "bo")).extracting(HubRegistry.Course::name)
                .containsExactly("@bo/other");
    }

    @Test
    @DisplayName("the all-time downloads are given for public courses only: 0 when never downloaded, nothing for "
            + "a private, deleted or unknown course")
    void publicTotals() {
        publish("@ada/a", "public", ada);
        publish("@ada/b", "public", ada);
        publish("@ada/secret", "private", ada);
        String day = LocalDate.now(ZoneOffset.UTC).minusDays(2).toString();
        HubDownloads downloads = hub.downloads();
        downloads.record(List.of(new HubDownloads.Event(1, "@ada/a", "1.0.0", day, "c1", true, 1),
                new HubDownloads.Event(2, "@ada/a", "1.0.0", day, "c2", true, 2),
                new HubDownloads.Event(3, "@ada/secret", "1.0.0", day, "c1", true, 3)));
        downloads.rollUp(day, 100);

        assertThat(downloads.publicTotals(List.of("@ada/a", "@ada/b", "@ada/secret", "@ada/none")))
                .containsOnly(java.util.Map.entry("@ada/a", 2L), java.util.Map.entry("@ada/b", 0L));
        assertThat(downloads.publicTotals(List.of())).isEmpty();
    }
}
