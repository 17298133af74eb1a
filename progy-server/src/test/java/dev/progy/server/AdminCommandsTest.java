package dev.progy.server;

import dev.progy.sync.hub.SyncHub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code progy-server --help} and the administrator's account commands, run as a shell would run them. */
class AdminCommandsTest {

    @TempDir
    Path tmp;
    String db;

    record Result(int code, String out, String err) { }

    private Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Result admin(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "admin";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--db";
        all[args.length + 2] = db;
        return run(all);
    }

    private boolean signsIn(String token) {
        try (SyncHub hub = SyncHub.open(db, 1, Clock.systemUTC())) {
            return hub.authenticate(token).isPresent();
        }
    }

    @BeforeEach
    void database() {
        db = TestDatabases.sqlite(tmp);
    }

    @Test
    @DisplayName("--help prints every command and exits 0; a wrong command line is one line and a pointer to --help, exit 2")
    void help() {
        Result help = run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("serve", "create-user", "list-users", "revoke-token", "rotate-token", "--db");
        assertThat(help.out().lines()).allMatch(l -> l.length() <= 80);
        assertThat(run("admin", "--help").code()).isZero();
        for (String[] wrong : List.of(new String[] {"frobnicate"}, new String[] {"serve", "--port"},
                new String[] {"admin", "drop-tables"}, new String[] {"admin", "rotate-token"},
                new String[] {"serve", "--colour", "red"})) {
            Result r = run(wrong);
            assertThat(r.code()).as(String.join(" ", wrong)).isEqualTo(2);
            assertThat(r.err().lines().toList()).as(r.err()).hasSize(2).last().isEqualTo("Run 'progy-server --help' for usage.");
        }
    }

    @Test
    @DisplayName("list-users shows each account's name, its token's first characters and records, never a token")
    void listUsers() {
        assertThat(admin("list-users").out()).contains("No accounts yet");
        String ada = admin("create-user", "ada").out().lines().toList().get(1);
        String bob = admin("create-user", "bob").out().lines().toList().get(1);

        Result list = admin("list-users");

        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("ada", "bob", ada.substring(0, 12) + "…", bob.substring(0, 12) + "…")
                .doesNotContain(ada, bob, ada.substring(0, 14));
    }

    @Test
    @DisplayName("revoke-token by user or by the token's beginning stops it signing in; rotate-token prints a new one that works")
    void revokeAndRotate() {
        String ada = admin("create-user", "ada").out().lines().toList().get(1);
        String bob = admin("create-user", "bob").out().lines().toList().get(1);

        Result byName = admin("revoke-token", "ada");
        assertThat(byName.code()).as(byName.err()).isZero();
        assertThat(byName.out()).contains("Revoked the token of ada");
        assertThat(signsIn(ada)).isFalse();
        assertThat(signsIn(bob)).isTrue();
        assertThat(admin("list-users").out()).containsPattern("ada .*revoked");

        Result byPrefix = admin("revoke-token", bob.substring(0, 12));
        assertThat(byPrefix.code()).as(byPrefix.err()).isZero();
        assertThat(byPrefix.out()).contains("Revoked the token of bob");
        assertThat(signsIn(bob)).isFalse();

        Result rotated = admin("rotate-token", "ada");
        assertThat(rotated.code()).isZero();
        String fresh = rotated.out().lines().toList().get(1);
        assertThat(fresh).startsWith("progy_").isNotEqualTo(ada);
        assertThat(signsIn(fresh)).isTrue();
        assertThat(signsIn(ada)).isFalse();

        Result nobody = admin("revoke-token", "carol");
        assertThat(nobody.code()).isEqualTo(5);
        assertThat(nobody.err()).contains("no account named carol", "list-users");
        Result unknownToken = admin("revoke-token", "progy_zzzzzzzz");
        assertThat(unknownToken.code()).isEqualTo(5);
        assertThat(unknownToken.err()).contains("No active token begins with progy_zzzzzz");
        assertThat(admin("rotate-token", "carol").code()).isEqualTo(5);
    }
}
