package dev.progy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.progy.server.ProgyServer;
import dev.progy.server.ServerConfig;
import dev.progy.server.account.People;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code progy login}, {@code logout} and {@code tokens} against the real Progy server, started in-process on
 * loopback; the person's approval on the web page is made through the server's device login service.
 */
@DisplayName("progy login, logout and tokens")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LoginCommandTest {

    private static final Pattern USER_CODE = Pattern.compile("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}");

    @TempDir
    Path tmp;

    ProgyServer server;
    String url;
    People.Person ada;
    CliHarness cli;

    @BeforeEach
    void start() {
        server = ProgyServer.start(ServerConfig.load(Map.of("db", "sqlite:" + tmp.resolve("server.db"),
                "host", "127.0.0.1", "port", "0"), Map.of()));
        url = "http://127.0.0.1:" + server.port();
        ada = server.people().signUp("ada", "ada@example.org", "correct horse battery");
        cli = new CliHarness(tmp);
        cli.env.put("HOSTNAME", "ada-laptop");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Runs progy login until it shows its code; returns it running, and the code. */
    private RunningCli loginShowingCode(String... more) {
        String[] args = new String[more.length + 2];
        args[0] = "login";
        args[1] = url;
        System.arraycopy(more, 0, args, 2, more.length);
        return cli.start(args);
    }

    private static String code(String out) {
        Matcher m = USER_CODE.matcher(out);
        assertThat(m.find()).as("a user code in:\n" + out).isTrue();
        return m.group();
    }

    private Path credentials() {
        return tmp.resolve(".config-home/progy/credentials.json");
    }

    private String savedToken() throws Exception {
        return CliJson.parse(Files.readString(credentials())).path("servers").path(url).path("token").asText();
    }

    @Test
    @DisplayName("login shows a code and the page, waits for approval, saves the token 0600 without printing it, and sync, tokens and logout use it")
    void loginSyncTokensLogout() throws Exception {
        String code;
        String out;
        int exit;
        try (RunningCli login = loginShowingCode()) {
            out = login.awaitOutput("Waiting for your approval");
            code = code(out);
            assertThat(out).contains(url + "/device", "enter the code " + code, url + "/device/" + code,
                    "expires in 10 minutes", "Ctrl-C cancels");

            server.deviceLogin().approve(code, ada, "127.0.0.1");

            exit = login.awaitExit();
            out = login.out() + login;
        }
        assertThat(exit).as(out).isZero();
        assertThat(out).contains("Signed in to " + url + " as ada (the token may: ai, live, read, sync)",
                "readable only by you");
        String token = savedToken();
        assertThat(token).startsWith("progy_");
        assertThat(out).doesNotContain(token);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials()))).isEqualTo("rw-------");
        // the server's registry signing key is pinned at login, beside the token
        assertThat(Files.readString(credentials().resolveSibling("registry-keys.json"))).contains(url, "Ed25519");
        assertThat(server.accounts().bearer(token)).hasValueSatisfying(c -> {
            assertThat(c.name()).isEqualTo("ada");
            assertThat(c.scopes()).containsExactlyInAnyOrder("sync", "read", "ai", "live");
        });

        // sync finds the login's token for the server by itself
        CliHarness ws = ShellCourse.failingWorkspace(tmp, "ws");
        ws.env.putAll(cli.env);
        CliHarness.Result sync = ws.run("sync", "-C", "ws", "--server", url);
        assertThat(sync.code()).as(sync.toString()).isZero();
        assertThat(sync.out()).contains("Synced").doesNotContain(token);

        CliHarness.Result tokens = cli.run("tokens", "--server", url);
        assertThat(tokens.code()).as(tokens.toString()).isZero();
        String name = "progy login on ada-laptop " + LocalDate.now(ZoneOffset.UTC);
        assertThat(tokens.out()).contains("Your tokens on " + url, name, "never", "read,sync").doesNotContain(token);
        JsonNode listed = CliJson.parse(cli.run("tokens", "--json").out());
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("name").asText()).isEqualTo(name);
        assertThat(listed.get(0).path("expires").isNull()).isTrue();

        CliHarness.Result logout = cli.run("logout");
        assertThat(logout.code()).as(logout.toString()).isZero();
        assertThat(logout.out()).contains("Signed out of " + url + " as ada: the token was revoked on the server");
        assertThat(server.accounts().bearer(token)).isEmpty();
        assertThat(Files.readString(credentials())).doesNotContain(token);

        CliHarness.Result signedOut = ws.run("sync", "-C", "ws");
        assertThat(signedOut.code()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(signedOut.err()).contains("No token is saved for the sync server " + url, "progy login " + url);

        CliHarness.Result again = cli.run("tokens", "--server", url);
        assertThat(again.code()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(again.err()).contains("You are not signed in to " + url, "progy login " + url);
    }

    @Test
    @DisplayName("logging in again revokes the token the earlier login saved, but not one given to progy sync --token")
    void loginAgain() throws Exception {
        String earlier = server.accounts().createToken("ada", Set.of("sync", "read"), Optional.empty(), "earlier");
        dev.progy.sync.credentials.ServerTokens.in(Path.of(cli.env.get("XDG_CONFIG_HOME"), "progy"))
                .save(url, earlier, Optional.of("ada"), Instant.now());
        String out;
        try (RunningCli login = loginShowingCode()) {
            server.deviceLogin().approve(code(login.awaitOutput("Waiting for your approval")), ada, "127.0.0.1");
            assertThat(login.awaitExit()).as(login.toString()).isZero();
            out = login.out();
        }
        assertThat(out).contains("The token of your earlier login on this computer was revoked.");
        assertThat(server.accounts().bearer(earlier)).isEmpty();
        assertThat(server.accounts().bearer(savedToken())).isPresent();

        String given = server.accounts().createToken("ada", Set.of("sync"), Optional.empty(), "from the teacher");
        ServerTokensAccess.save(cli, url, given);
        try (RunningCli login = loginShowingCode()) {
            server.deviceLogin().approve(code(login.awaitOutput("Waiting for your approval")), ada, "127.0.0.1");
            assertThat(login.awaitExit()).as(login.toString()).isZero();
            assertThat(login.out()).doesNotContain("was revoked");
        }
        assertThat(server.accounts().bearer(given)).as("a token given to sync --token may be in use elsewhere")
                .isPresent();
    }

    @Test
    @DisplayName("a login denied on the web page saves nothing and says so")
    void denied() throws Exception {
        int exit;
        String err;
        try (RunningCli login = loginShowingCode()) {
            String code = code(login.awaitOutput("Waiting for your approval"));
            server.deviceLogin().deny(code, ada, "127.0.0.1");
            exit = login.awaitExit();
            err = login.toString();
        }
        assertThat(exit).isEqualTo(ExitCode.USER_ERROR);
        assertThat(err).contains("The login was denied on the web page").doesNotContain("Exception");
        assertThat(credentials()).doesNotExist();
    }

    @Test
    @DisplayName("Ctrl-C while waiting cancels cleanly: nothing saved, no stack trace")
    void cancelled() throws Exception {
        int exit;
        String out;
        try (RunningCli login = loginShowingCode()) {
            login.awaitOutput("Waiting for your approval");
            login.interrupt();
            exit = login.awaitExit();
            out = login.toString();
        }
        assertThat(exit).isEqualTo(ExitCode.INTERRUPTED);
        assertThat(out).contains("Cancelled: you are not signed in, and nothing was saved.").doesNotContain("Exception");
        assertThat(credentials()).doesNotExist();
    }

    @Test
    @DisplayName("tokens revoke <id> revokes one of your own tokens; another person's id is refused and keeps working")
    void revokeById() throws Exception {
        String mine = server.accounts().createToken("ada", Set.of("read"), Optional.empty(), "desktop");
        String lost = server.accounts().createToken("ada", Set.of("sync"),
                Optional.of(Instant.now().plusSeconds(86_400)), "lost laptop");
        server.people().signUp("bob", "bob@example.org", "another long password");
        String bobs = server.accounts().createToken("bob", Set.of("read"), Optional.empty(), "bob's");
        ServerTokensAccess.save(cli, url, mine);

        JsonNode listed = CliJson.parse(cli.run("tokens", "--json", "--server", url).out());
        assertThat(listed.findValuesAsText("name")).containsExactlyInAnyOrder("desktop", "lost laptop");
        String lostId = "";
        for (JsonNode t : listed) {
            if (t.path("name").asText().equals("lost laptop")) {
                lostId = t.path("id").asText();
                assertThat(t.path("expires").asText()).isNotEmpty();
            }
        }

        CliHarness.Result revoke = cli.run("tokens", "revoke", lostId, "--server", url);
        assertThat(revoke.code()).as(revoke.toString()).isZero();
        assertThat(revoke.out()).contains("Revoked token " + lostId);
        assertThat(server.accounts().bearer(lost)).isEmpty();
        assertThat(server.accounts().bearer(mine)).isPresent();

        CliHarness bob = new CliHarness(tmp);
        bob.env.put("XDG_CONFIG_HOME", tmp.resolve("bob-config").toString());
        ServerTokensAccess.save(bob, url, bobs);
        String bobsId = CliJson.parse(bob.run("tokens", "--json", "--server", url).out()).get(0).path("id").asText();
        CliHarness.Result refused = cli.run("tokens", "revoke", bobsId, "--server", url);
        assertThat(refused.code()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(refused.err()).contains("You have no token " + bobsId);
        assertThat(server.accounts().bearer(bobs)).isPresent();
    }

    @Test
    @DisplayName("logout without the server removes the token here and says it still works on the server")
    void logoutOffline() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String away = "http://127.0.0.1:" + closedPort;
        ServerTokensAccess.save(cli, away, "progy_" + "x".repeat(43));

        CliHarness.Result logout = cli.run("logout", away);

        assertThat(logout.code()).as(logout.toString()).isZero();
        assertThat(logout.out()).contains("Removed your token for " + away, "could not be reached",
                "still works there");
        assertThat(Files.readString(credentials())).doesNotContain("progy_x");
    }

    /** Saving a token as progy sync --token would, in the harness's config folder. */
    static final class ServerTokensAccess {
        static void save(CliHarness cli, String server, String token) {
            dev.progy.sync.credentials.ServerTokens.in(Path.of(cli.env.get("XDG_CONFIG_HOME"), "progy"))
                    .save(server, token, Instant.now());
        }
    }
}
