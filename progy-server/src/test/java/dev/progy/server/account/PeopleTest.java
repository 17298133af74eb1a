package dev.progy.server.account;

import dev.progy.error.ProgyException;
import dev.progy.sync.hub.HubAccount;
import dev.progy.sync.hub.HubMember;
import dev.progy.sync.hub.SyncHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeopleTest {

    @TempDir
    Path tmp;

    SyncHub hub;
    People people;

    @BeforeEach
    void open() {
        hub = SyncHub.open("sqlite:" + tmp.resolve("s.db"), 1, Clock.systemUTC());
        people = new People(hub);
    }

    @AfterEach
    void close() {
        hub.close();
    }

    @Test
    @DisplayName("a person signs up and signs in with e-mail and password; the hash is Argon2id with its parameters recorded")
    void signUpAndIn() {
        people.signUp("ada", "Ada@Example.org", "correct horse battery");

        assertThat(people.signIn("ada@example.org", "correct horse battery")).hasValueSatisfying(p -> {
            assertThat(p.account().name()).isEqualTo("ada");
            assertThat(p.role()).isEqualTo(Role.STUDENT);
        });
        assertThat(hub.personByEmail("ada@example.org").orElseThrow().passwordHash().orElseThrow())
                .startsWith("$argon2id$v=19$m=65536,t=3,p=1$");
    }

    @Test
    @DisplayName("a wrong password and an unknown address fail alike, and each check costs at least 50 ms of hashing")
    void failuresRevealNothing() {
        people.signUp("ada", "ada@example.org", "correct horse battery");

        long t0 = System.nanoTime();
        Optional<People.Person> wrong = people.signIn("ada@example.org", "incorrect horse");
        long t1 = System.nanoTime();
        Optional<People.Person> unknown = people.signIn("bob@example.org", "incorrect horse");
        long t2 = System.nanoTime();

        assertThat(wrong).isEmpty();
        assertThat(unknown).isEmpty();
        assertThat((t1 - t0) / 1_000_000).as("ms for a wrong password").isGreaterThanOrEqualTo(50);
        assertThat((t2 - t1) / 1_000_000).as("ms for an unknown address").isGreaterThanOrEqualTo(50);
    }

    @Test
    @DisplayName("an address or name in use is refused without saying which, or whose")
    void duplicatesRefused() {
        people.signUp("ada", "ada@example.org", "correct horse battery");

        assertThatThrownBy(() -> people.signUp("ada2", "ADA@example.org", "another long password"))
                .isInstanceOf(ProgyException.class).hasMessage("That name or e-mail address cannot be used.");
        assertThatThrownBy(() -> people.signUp("bob", "bob@example.org", "short"))
                .hasMessageContaining("10 to 1000 characters");
    }

    @Test
    @DisplayName("a hash made with weaker parameters is replaced by a stronger one at the next sign-in")
    void hashesAreUpgraded() {
        People weak = new People(hub, new Passwords(8192, 1, 1));
        weak.signUp("ada", "ada@example.org", "correct horse battery");
        assertThat(hub.personByEmail("ada@example.org").orElseThrow().passwordHash().orElseThrow()).contains("m=8192,t=1");

        assertThat(people.signIn("ada@example.org", "correct horse battery")).isPresent();

        assertThat(hub.personByEmail("ada@example.org").orElseThrow().passwordHash().orElseThrow()).contains("m=65536,t=3");
        assertThat(people.signIn("ada@example.org", "correct horse battery")).isPresent();
    }

    @Test
    @DisplayName("roles are student by default and changed by an operator")
    void roles() {
        HubAccount ada = people.signUp("ada", "ada@example.org", "correct horse battery").account();
        people.setRole("ada", Role.INSTRUCTOR);
        assertThat(people.role(ada)).isEqualTo(Role.INSTRUCTOR);
    }

    @Test
    @DisplayName("an organisation's owner adds members; a member or stranger cannot")
    void organisations() {
        HubAccount ada = people.signUp("ada", "ada@example.org", "correct horse battery").account();
        HubAccount bob = people.signUp("bob", "bob@example.org", "correct horse battery").account();
        HubAccount eve = people.signUp("eve", "eve@example.org", "correct horse battery").account();

        people.createOrganisation("@school", ada);
        people.setMember("@school", ada, "bob", false);

        assertThat(people.isOwner("@school", ada)).isTrue();
        assertThat(people.isMember("@school", bob)).isTrue();
        assertThat(people.isOwner("@school", bob)).isFalse();
        assertThat(people.isMember("@school", eve)).isFalse();
        assertThatThrownBy(() -> people.setMember("@school", bob, "eve", true)).hasMessageContaining("Only an owner");
        assertThatThrownBy(() -> people.setMember("@school", eve, "eve", true)).hasMessageContaining("Only an owner");
        assertThat(people.members("@school")).containsExactly(new HubMember("ada", "owner"), new HubMember("bob", "member"));
        assertThatThrownBy(() -> people.createOrganisation("@school", bob)).hasMessageContaining("exists already");
        assertThatThrownBy(() -> people.createOrganisation("school", bob)).hasMessageContaining("An organisation is @");
    }

    @Test
    @DisplayName("sign-ins are limited per e-mail address and per network address, alike for known and unknown addresses")
    void signInsAreLimited() {
        People fast = new People(hub, new Passwords(1024, 1, 2));
        fast.signUp("ada", "ada@example.org", "correct horse battery");
        for (int i = 0; i < People.PER_ACCOUNT; i++) {
            assertThat(fast.signIn("ada@example.org", "wrong password", "10.0.0." + i).retryAfter()).isEmpty();
            assertThat(fast.signIn("nobody@example.org", "wrong password", "10.0.1." + i).retryAfter()).isEmpty();
        }

        People.SignIn known = fast.signIn("ada@example.org", "correct horse battery", "10.0.0.99");
        People.SignIn unknown = fast.signIn("nobody@example.org", "correct horse battery", "10.0.1.99");

        assertThat(known.person()).as("even the right password waits out the window").isEmpty();
        assertThat(known.retryAfter()).isPresent();
        assertThat(unknown).isEqualTo(known);
        assertThat(fast.signIn("bob@example.org", "wrong password", "10.0.2.1").retryAfter()).as("others are not held up")
                .isEmpty();

        for (int i = 0; i < People.PER_ADDRESS; i++) {
            fast.signIn("guess" + i + "@example.org", "wrong password", "10.9.9.9");
        }
        assertThat(fast.signIn("ada2@example.org", "wrong password", "10.9.9.9").retryAfter()).as("one address guessing many")
                .isPresent();
    }

    @Test
    @DisplayName("a successful sign-in clears the account's failed attempts")
    void successClears() {
        People fast = new People(hub, new Passwords(1024, 1, 2));
        fast.signUp("ada", "ada@example.org", "correct horse battery");
        for (int i = 0; i < People.PER_ACCOUNT - 1; i++) {
            fast.signIn("ada@example.org", "wrong password", "10.0.0.1");
        }
        assertThat(fast.signIn("ada@example.org", "correct horse battery", "10.0.0.1").person()).isPresent();
        for (int i = 0; i < People.PER_ACCOUNT - 1; i++) {
            fast.signIn("ada@example.org", "wrong password", "10.0.0.1");
        }
        assertThat(fast.signIn("ada@example.org", "correct horse battery", "10.0.0.1").person()).isPresent();
    }

    @Test
    @DisplayName("with every hashing slot and waiting place taken, another sign-in is refused at once with 503 and "
            + "Retry-After, and is not counted as a failed attempt")
    void floodsAreRefusedNotQueued() throws Exception {
        Passwords slow = new Passwords(65_536, 12, 1, 1, java.time.Duration.ofMinutes(1));
        People busy = new People(hub, slow);
        busy.signUp("ada", "ada@example.org", "correct horse battery");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 2; i++) { // one hashing, one waiting for its turn
                pool.submit(() -> busy.signIn("ada@example.org", "correct horse battery"));
            }
            long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (slow.inFlight() < 2 && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            assertThat(slow.inFlight()).isEqualTo(2);

            long before = System.nanoTime();
            assertThatThrownBy(() -> busy.signIn("ada@example.org", "wrong password", "10.0.0.1"))
                    .isInstanceOfSatisfying(People.Busy.class, e -> {
                        assertThat(e.status()).isEqualTo(503);
                        assertThat(e.code()).isEqualTo("busy");
                        assertThat(e.retryAfterSeconds()).hasValue(1L);
                        assertThat(e.getMessage()).isEqualTo(
                                "The server is checking many passwords at once. Try again in a second.");
                    });
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - before)).as("refused at once")
                    .isLessThan(java.time.Duration.ofMillis(500));
            assertThat(hub.loginFailures("email:ada@example.org", People.WINDOW.toMillis())).isZero();
        } finally {
            pool.shutdown();
            pool.awaitTermination(2, java.util.concurrent.TimeUnit.MINUTES);
        }
    }
}
