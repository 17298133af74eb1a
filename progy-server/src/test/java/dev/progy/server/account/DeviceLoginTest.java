package dev.progy.server.account;

import dev.progy.error.ProgyException;
import dev.progy.sync.hub.HubDeviceCodes;
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
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The device login service on a real hub, with a clock the test moves instead of sleeping. */
class DeviceLoginTest {

    /** A clock a test moves forward. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-12-06T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

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
    }

    @TempDir
    Path tmp;

    TestClock clock = new TestClock();
    SyncHub hub;
    DeviceLogin login;
    People.Person ada;

    @BeforeEach
    void open() {
        hub = SyncHub.open("sqlite:" + tmp.resolve("s.db"), 1, clock);
        login = new DeviceLogin(hub, clock);
        ada = new People(hub, new Passwords(1024, 1, 1)).signUp("ada", "ada@example.org", "correct horse battery");
    }

    @AfterEach
    void close() {
        hub.close();
    }

    @Test
    @DisplayName("a user code is 8 letters of the unambiguous alphabet shown as XXXX-XXXX; the device code is long and random")
    void codes() {
        DeviceLogin.Started s = login.start("progy-cli", "", "ada-laptop");
        assertThat(s.userCode()).matches("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}");
        assertThat(s.deviceCode()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(s.expiresIn()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.interval()).isEqualTo(5);
        assertThat(s.scopes()).containsExactlyInAnyOrder("sync", "read");
        assertThat(login.start("progy-cli", "", "x").userCode()).isNotEqualTo(s.userCode());
    }

    @Test
    @DisplayName("polls say pending, slow_down (interval +5 s) when early, then the token once, named for the device and date")
    void pollUntilApproved() {
        DeviceLogin.Started s = login.start("progy-cli", "sync read", "ada-laptop");

        assertThat(login.poll("progy-cli", s.deviceCode())).isEqualTo(new HubDeviceCodes.Poll.Pending(5));
        clock.advance(Duration.ofSeconds(2));
        assertThat(login.poll("progy-cli", s.deviceCode())).isEqualTo(new HubDeviceCodes.Poll.SlowDown(10));
        clock.advance(Duration.ofSeconds(6));
        assertThat(login.poll("progy-cli", s.deviceCode())).isEqualTo(new HubDeviceCodes.Poll.SlowDown(15));
        clock.advance(Duration.ofSeconds(15));
        assertThat(login.poll("progy-cli", s.deviceCode())).isEqualTo(new HubDeviceCodes.Poll.Pending(15));

        // typed in lower case, without the dash: still the code
        HubDeviceCodes.Request approved = login.approve(s.userCode().toLowerCase().replace("-", " "), ada, "10.0.0.1");
        assertThat(approved.clientId()).isEqualTo("progy-cli");
        assertThat(approved.label()).isEqualTo("progy login on ada-laptop 2026-12-06");

        clock.advance(Duration.ofSeconds(15));
        HubDeviceCodes.Poll issued = login.poll("progy-cli", s.deviceCode());
        assertThat(issued).isInstanceOf(HubDeviceCodes.Poll.Issued.class);
        String token = ((HubDeviceCodes.Poll.Issued) issued).token();
        assertThat(hub.token(token)).hasValueSatisfying(t -> {
            assertThat(t.account().name()).isEqualTo("ada");
            assertThat(t.scopes()).containsExactlyInAnyOrder("sync", "read");
            assertThat(t.expires()).isEmpty();
        });
        assertThat(hub.directory().tokens(ada.account())).extracting(t -> t.label())
                .containsExactly("progy login on ada-laptop 2026-12-06");

        clock.advance(Duration.ofSeconds(15));
        assertThat(login.poll("progy-cli", s.deviceCode())).as("a device code is used once")
                .isEqualTo(new HubDeviceCodes.Poll.Unknown());
    }

    @Test
    @DisplayName("a denied request answers access_denied; an undecided one expires; a decided code cannot be decided again")
    void deniedAndExpired() {
        DeviceLogin.Started denied = login.start("progy-cli", "", "a");
        login.deny(denied.userCode(), ada, "10.0.0.1");
        assertThat(login.poll("progy-cli", denied.deviceCode())).isEqualTo(new HubDeviceCodes.Poll.Denied());
        assertThatThrownBy(() -> login.approve(denied.userCode(), ada, "10.0.0.1"))
                .isInstanceOf(ProgyException.class).hasMessageContaining("No login request waits for the code");

        DeviceLogin.Started late = login.start("progy-cli", "", "a");
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(login.poll("progy-cli", late.deviceCode())).isEqualTo(new HubDeviceCodes.Poll.Expired());
        assertThatThrownBy(() -> login.approve(late.userCode(), ada, "10.0.0.1")).isInstanceOf(ProgyException.class);

        DeviceLogin.Started approvedLate = login.start("progy-cli", "", "a");
        login.approve(approvedLate.userCode(), ada, "10.0.0.1", Optional.of(clock.instant().plus(Duration.ofDays(30))));
        clock.advance(Duration.ofMinutes(11));
        assertThat(login.poll("progy-cli", approvedLate.deviceCode()))
                .as("a token is never handed out after its request expired").isEqualTo(new HubDeviceCodes.Poll.Expired());
    }

    @Test
    @DisplayName("another client's id, an unknown scope and an unknown device code are refused")
    void refusals() {
        assertThatThrownBy(() -> login.start("evil-cli", "", "a")).isInstanceOfSatisfying(DeviceLogin.Refused.class,
                e -> assertThat(e.code()).isEqualTo("invalid_client"));
        assertThatThrownBy(() -> login.start("progy-cli", "sync root", "a")).isInstanceOfSatisfying(
                DeviceLogin.Refused.class, e -> assertThat(e.code()).isEqualTo("invalid_scope"));
        DeviceLogin.Started s = login.start("progy-cli", "", "a");
        assertThat(login.poll("other", s.deviceCode())).isEqualTo(new HubDeviceCodes.Poll.Unknown());
        assertThat(login.poll("progy-cli", "nonsense")).isEqualTo(new HubDeviceCodes.Poll.Unknown());
    }

    @Test
    @DisplayName("guessing user codes is limited per person and per address, even when the next guess is right")
    void guessesAreLimited() {
        DeviceLogin.Started s = login.start("progy-cli", "", "a");
        for (int i = 0; i < DeviceLogin.GUESSES_PER_PERSON; i++) {
            assertThat(login.find("BBBB-BBBB", ada, "10.0.0.1")).isEmpty();
        }
        assertThatThrownBy(() -> login.approve(s.userCode(), ada, "10.0.0.2"))
                .isInstanceOf(DeviceLogin.TooManyGuesses.class).hasMessageContaining("Too many codes");

        People people = new People(hub, new Passwords(1024, 1, 1));
        for (String name : new String[] {"bob", "cy", "dee"}) {
            People.Person guesser = people.signUp(name, name + "@example.org", "long password!");
            for (int i = 0; i < DeviceLogin.GUESSES_PER_PERSON; i++) {
                assertThat(login.find("CCCC-CCCC", guesser, "10.0.0.9")).isEmpty();
            }
        }
        People.Person fresh = people.signUp("fay", "fay@example.org", "long password!");
        assertThatThrownBy(() -> login.find(s.userCode(), fresh, "10.0.0.9")).isInstanceOf(DeviceLogin.TooManyGuesses.class);
        assertThat(login.find(s.userCode(), fresh, "10.0.0.10")).isPresent();

        clock.advance(DeviceLogin.GUESS_WINDOW.plusSeconds(1));
        DeviceLogin.Started later = login.start("progy-cli", "", "a");
        assertThat(login.approve(later.userCode(), ada, "10.0.0.1").scopes())
                .as("the limit lifts after the window").containsExactlyInAnyOrder("sync", "read");
    }
}
