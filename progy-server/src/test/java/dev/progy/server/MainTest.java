package dev.progy.server;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code progy-server} on the command line, run in-process. */
class MainTest {

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) { }

    Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Run run(String... args) {
        return run(Map.of(), args);
    }

    @Test
    @DisplayName("--help lists the commands and every setting with its environment variable and default")
    void help() {
        Run r = run("--help");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("admin list-users", "admin revoke-token", "admin rotate-token",
                "PROGY_SERVER_DB", "sync-body-limit", "(default: 33554432)", "--config");
    }

    @Test
    @DisplayName("an operator lists accounts, revokes a token and rotates it; the old token stops working")
    void adminCommands() {
        String db = "sqlite:" + tmp.resolve("s.db");
        Run created = run("admin", "create-user", "ada", "--db", db);
        String first = created.out().lines().reduce((a, b) -> b).orElseThrow();

        Run listed = run("admin", "list-users", "--db", db);
        Run revoked = run("admin", "revoke-token", "ada", "--db", db);
        Run listedAgain = run("admin", "list-users", "--db", db);
        Run rotated = run("admin", "rotate-token", "ada", "--db", db);
        String second = rotated.out().lines().reduce((a, b) -> b).orElseThrow();
        Run unknown = run("admin", "revoke-token", "bob", "--db", db);
        Run instructor = run("admin", "set-role", "ada", "instructor", "--db", db);
        Run promoted = run("admin", "set-role", "ada", "admin", "--db", db);
        Run noSuchRole = run("admin", "set-role", "ada", "king", "--db", db);

        assertThat(listed.out()).contains("ada").contains("token active");
        assertThat(revoked.code()).isZero();
        assertThat(revoked.out()).contains("Revoked the token of ada");
        assertThat(listedAgain.out()).contains("token revoked");
        assertThat(second).startsWith("progy_").isNotEqualTo(first);
        assertThat(unknown.code()).isEqualTo(5);
        assertThat(unknown.err()).contains("There is no account named bob", "admin list-users");
        assertThat(instructor.out()).isEqualTo("ada is now an instructor.\n");
        assertThat(promoted.out()).isEqualTo("ada is now an admin.\n");
        assertThat(noSuchRole.code()).isEqualTo(2);
        assertThat(noSuchRole.err()).contains("the roles are student, instructor, admin");
        try (ProgyServer server = TestServers.start(db)) {
            assertThat(server.accounts().bearer(second)).hasValueSatisfying(c -> assertThat(c.role()).isEqualTo("admin"));
            assertThat(server.accounts().bearer(first)).as("the revoked token").isEmpty();
            assertThat(server.accounts().bearer(second)).as("the rotated token").isPresent();
        }
    }

    @Test
    @DisplayName("an operator gives an account a token with other scopes and an expiry; a scope that does not exist is refused")
    void createToken() {
        String db = "sqlite:" + tmp.resolve("s.db");
        run("admin", "create-user", "ada", "--db", db);

        Run made = run("admin", "create-token", "ada", "read,admin", "30", "--db", db);
        Run badScope = run("admin", "create-token", "ada", "root", "--db", db);
        Run badDays = run("admin", "create-token", "ada", "read", "forever", "--db", db);

        assertThat(made.code()).isZero();
        assertThat(made.out()).contains("New token for ada with read, admin, until ");
        String token = made.out().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(badScope.code()).isEqualTo(5);
        assertThat(badScope.err()).contains("There is no token scope root");
        assertThat(badDays.code()).isEqualTo(2);
        try (ProgyServer server = TestServers.start(db)) {
            assertThat(server.accounts().bearer(token)).hasValueSatisfying(c ->
                    assertThat(c.scopes()).containsExactlyInAnyOrder("read", "admin"));
        }
    }

    @Test
    @DisplayName("settings come from an option, else the environment, else the --config file, else the default")
    void settingsPrecedence() throws Exception {
        Path file = tmp.resolve("server.properties");
        Files.writeString(file, "port = 9001\nthreads = 12\nuploads = 3\n");

        ServerConfig c = ServerConfig.load(Map.of("config", file.toString(), "uploads", "5"),
                Map.of("PROGY_SERVER_THREADS", "20"));

        assertThat(c.integer(ServerConfig.Setting.PORT)).isEqualTo(9001);
        assertThat(c.integer(ServerConfig.Setting.THREADS)).isEqualTo(20);
        assertThat(c.integer(ServerConfig.Setting.UPLOADS)).isEqualTo(5);
        assertThat(c.integer(ServerConfig.Setting.CONNECTIONS)).isEqualTo(8);
    }

    @Test
    @DisplayName("an unknown setting or a bad number is refused, saying which and how to see the settings")
    void badSettings() throws Exception {
        Path file = tmp.resolve("server.properties");
        Files.writeString(file, "prot = 9001\n");

        Run typo = run("serve", "--prot", "9001");
        Run inFile = run("serve", "--config", file.toString());
        Run notANumber = run(Map.of("PROGY_SERVER_PORT", "eighty"), "serve");

        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err()).contains("There is no server setting --prot", "progy-server --help");
        assertThat(inFile.err()).contains("There is no server setting prot (in " + file + ")");
        assertThat(notANumber.code()).isEqualTo(5);
        assertThat(notANumber.err()).contains("port should be a whole number", "PROGY_SERVER_PORT");
    }
}
