package dev.progy.server;

import dev.progy.sync.hub.HubAccount;
import dev.progy.sync.hub.HubRegistry;
import dev.progy.sync.hub.SyncHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry's rows ({@link HubRegistry}), the same on every database the hub runs on. */
abstract class RegistryStoreContract {

    static final List<String> STEPS = List.of("limits", "guard", "runs", "links", "ai-review", "images");

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

    HubRegistry.Version start(String name, String version, String visibility, HubAccount by, String id) {
        String scope = name.substring(0, name.indexOf('/'));
        registry.startPublish(name, scope, version, "A course about " + name, visibility, by.id(), id,
                "staged/" + id + ".progy", 100, STEPS, System.currentTimeMillis());
        return registry.publish(id).orElseThrow();
    }

    @Test
    @DisplayName("a publish starts pending with every step waiting; it goes live once, and a live version is never "
            + "published again")
    void goesLiveOnce() {
        HubRegistry.Version v = start("@school/sql", "1.0.0", "public", ada, "p1");
        assertThat(v.state()).isEqualTo(HubRegistry.PENDING);
        assertThat(registry.steps(v.id())).extracting(HubRegistry.Step::step).containsExactlyElementsOf(STEPS);
        assertThat(registry.steps(v.id())).allSatisfy(s -> assertThat(s.state()).isEqualTo("waiting"));
        assertThatThrownBy(() -> start("@school/sql", "1.0.0", "public", ada, "p2"))
                .isInstanceOf(HubRegistry.VersionTaken.class).hasMessageContaining("being published");

        assertThat(registry.setStep(v.id(), "limits", "passed", "fine", "[]")).isTrue();
        assertThat(registry.goLive(v.id(), "ab".repeat(32), 90, "sig", "key1", true, 5)).isTrue();
        assertThat(registry.goLive(v.id(), "cd".repeat(32), 91, "sig2", "key2", false, 6)).isFalse();
        assertThat(registry.setStep(v.id(), "guard", "passed", "late", "[]")).isFalse();

        HubRegistry.Version live = registry.publish("p1").orElseThrow();
        assertThat(live.state()).isEqualTo(HubRegistry.LIVE);
        assertThat(live.sha256()).hasValue("ab".repeat(32));
        assertThat(live.keyId()).hasValue("key1");
        assertThat(live.verified()).isTrue();
        assertThatThrownBy(() -> start("@school/sql", "1.0.0", "public", mo, "p3"))
                .isInstanceOf(HubRegistry.VersionTaken.class).hasMessageContaining("published already");
    }

    @Test
    @DisplayName("a rejected version can be published again: nothing of it was live")
    void rejectedThenAgain() {
        HubRegistry.Version v = start("@ada/sql", "1.0.0", "public", ada, "r1");
        assertThat(registry.reject(v.id())).isTrue();
        assertThat(registry.reject(v.id())).isFalse();
        assertThat(registry.goLive(v.id(), "ab".repeat(32), 1, "s", "k", false, 1)).isFalse();
        HubRegistry.Version again = start("@ada/sql", "1.0.0", "public", ada, "r2");
        assertThat(again.state()).isEqualTo(HubRegistry.PENDING);
        assertThat(registry.publish("r1")).isEmpty();
        assertThat(registry.versions(again.courseId())).hasSize(1);
    }

    @Test
    @DisplayName("who may manage and read: the publisher, the scope's members and its own account manage; a private "
            + "course is read by them and the accounts it is shared with only")
    void whoMay() {
        HubRegistry.Version v = start("@school/secret", "1.0.0", "private", ada, "s1");
        registry.goLive(v.id(), "ab".repeat(32), 1, "s", "k", false, 1);
        start("@ada/open", "1.0.0", "public", ada, "o1");
        registry.goLive(registry.publish("o1").orElseThrow().id(), "cd".repeat(32), 1, "s", "k", false, 2);
        HubRegistry.Course secret = registry.course("@school/secret").orElseThrow();
        HubAccount cy = account("cy");

        assertThat(registry.canManage(secret, ada.id(), "ada")).isTrue();
        assertThat(registry.canManage(secret, mo.id(), "mo")).isTrue();
        assertThat(registry.canManage(secret, bo.id(), "bo")).isFalse();
        assertThat(registry.canPublishTo("@school", mo.id(), "mo")).isTrue();
        assertThat(registry.canPublishTo("@school", bo.id(), "bo")).isFalse();
        assertThat(registry.canPublishTo("@bo", bo.id(), "bo")).isTrue();
        assertThat(registry.canRead(secret, Optional.empty(), Optional.empty())).isFalse();
        assertThat(registry.canRead(secret, Optional.of(cy.id()), Optional.of("cy"))).isFalse();
        registry.addReader(secret.id(), cy.id());
        registry.addReader(secret.id(), cy.id());
        assertThat(registry.canRead(secret, Optional.of(cy.id()), Optional.of("cy"))).isTrue();
        assertThat(registry.canManage(secret, cy.id(), "cy")).isFalse();

        assertThat(registry.search(List.of(), Optional.empty(), Optional.empty(), "name", 100))
                .extracting(HubRegistry.Listed::name).containsExactly("@ada/open");
        assertThat(registry.search(List.of(), Optional.of(bo.id()), Optional.of("bo"), "name", 100))
                .extracting(HubRegistry.Listed::name).containsExactly("@ada/open");
        assertThat(registry.search(List.of(), Optional.of(mo.id()), Optional.of("mo"), "name", 100))
                .extracting(HubRegistry.Listed::name).containsExactly("@ada/open", "@school/secret");
        assertThat(registry.search(List.of("SECRET"), Optional.of(cy.id()), Optional.of("cy"), "name", 100))
                .extracting(HubRegistry.Listed::name).containsExactly("@school/secret");
        assertThat(registry.search(List.of("secret", "nope"), Optional.of(cy.id()), Optional.of("cy"), "name", 100))
                .isEmpty();
    }

    @Test
    @DisplayName("the newest live version is listed; yanking marks a version; an admin's delete hides the course, "
            + "keeps its name taken and leaves an audit record")
    void yankAndDelete() {
        for (String version : List.of("1.0.0", "1.10.0", "1.2.0")) {
            HubRegistry.Version v = start("@ada/sql", version, "public", ada, "v" + version);
            registry.goLive(v.id(), "ab".repeat(32), 1, "s", "k", false, 1);
        }
        assertThat(registry.search(List.of("sql"), Optional.empty(), Optional.empty(), "updated", 10))
                .singleElement().satisfies(l -> assertThat(l.latest()).isEqualTo("1.10.0"));
        HubRegistry.Course course = registry.course("@ada/sql").orElseThrow();
        long id = registry.version(course.id(), "1.2.0").orElseThrow().id();
        assertThat(registry.setYanked(id, true)).isTrue();
        assertThat(registry.version(course.id(), "1.2.0").orElseThrow().yanked()).isTrue();
        assertThat(registry.setYanked(id, false)).isTrue();
        assertThat(registry.version(course.id(), "1.2.0").orElseThrow().yanked()).isFalse();

        assertThat(registry.delete("@ada/sql", bo.id(), "spam", 42)).isTrue();
        assertThat(registry.delete("@ada/sql", bo.id(), "spam", 43)).isFalse();
        assertThat(registry.course("@ada/sql")).isEmpty();
        assertThat(registry.publish("v1.0.0")).isEmpty();
        assertThat(registry.search(List.of(), Optional.empty(), Optional.empty(), "name", 10)).isEmpty();
        assertThat(registry.audit("@ada/sql")).singleElement()
                .isEqualTo(new HubRegistry.Audit("@ada/sql", "delete", bo.id(), 42, "spam"));
        assertThatThrownBy(() -> start("@ada/sql", "2.0.0", "public", ada, "again"))
                .isInstanceOf(HubRegistry.VersionTaken.class).hasMessageContaining("deleted");
    }

    @Test
    @DisplayName("a signing key is added only over the current key its maker saw: two instances never both rotate")
    void keys() {
        HubRegistry.Key first = new HubRegistry.Key("k1", "pub1", "priv1", 1, Optional.empty(), Optional.empty(), true);
        HubRegistry.Key second = new HubRegistry.Key("k2", "pub2", "priv2", 2, Optional.of("k1"), Optional.of("e"), true);
        HubRegistry.Key rival = new HubRegistry.Key("k3", "pub3", "priv3", 3, Optional.of("k1"), Optional.of("e"), true);
        assertThat(registry.addKey(first, Optional.empty())).isTrue();
        assertThat(registry.addKey(first, Optional.empty())).isFalse();
        assertThat(registry.addKey(second, Optional.of("k1"))).isTrue();
        assertThat(registry.addKey(rival, Optional.of("k1"))).isFalse();
        assertThat(registry.keys()).extracting(HubRegistry.Key::id, HubRegistry.Key::current)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("k1", false),
                        org.assertj.core.groups.Tuple.tuple("k2", true));
        assertThat(registry.keys().get(1).endorsedBy()).hasValue("k1");
    }
}
