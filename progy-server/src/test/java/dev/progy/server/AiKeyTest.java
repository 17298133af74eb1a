package dev.progy.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("An account's own AI key never leaves the server")
class AiKeyTest {

    static final String KEY = "sk-proj-Secret0123456789abcdefWXYZ";

    @TempDir
    Path tmp;

    @Test
    @DisplayName("a key set by one account shows only its provider and last four characters, to that account only, "
            + "and is in no response, no log line and no byte of the database")
    void neverShown() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level was = root.getLevel();
        root.setLevel(Level.ALL);
        log.start();
        root.addAppender(log);
        String database = TestDatabases.sqlite(tmp);
        StringBuilder responses = new StringBuilder();
        try (ScriptedModel model = new ScriptedModel();
             ProgyServer server = TestServers.start(database, "ai-plans", "free:lessons=5,tokens=unlimited",
                     "ai-own-key-urls", model.url())) {
            TutorCalls ada = TutorCalls.account(server, "ada");
            TutorCalls bob = TutorCalls.account(server, "bob");

            TutorCalls.Answer set = ada.put("/api/v1/ai/key", "{\"provider\": \"openai\", \"key\": \"" + KEY
                    + "\", \"baseUrl\": \"" + model.url() + "\"}");
            responses.append(set.body());
            assertThat(set.status()).isEqualTo(200);
            assertThat(set.json().path("last4").asText()).isEqualTo("WXYZ");
            assertThat(set.json().path("provider").asText()).isEqualTo("openai");
            assertThat(set.json().path("model").asText()).isEqualTo("gpt-4o-mini");

            TutorCalls.Answer mine = ada.get("/api/v1/ai/key");
            responses.append(mine.body());
            assertThat(mine.status()).isEqualTo(200);
            assertThat(mine.json().path("last4").asText()).isEqualTo("WXYZ");
            TutorCalls.Answer theirs = bob.get("/api/v1/ai/key");
            responses.append(theirs.body());
            assertThat(theirs.status()).isEqualTo(404);
            assertThat(theirs.json().path("fix").asText()).contains("progy ai key set");
            TutorCalls.Answer usage = ada.get("/api/v1/ai/usage");
            responses.append(usage.body()).append(bob.get("/api/v1/ai/usage").body());
            assertThat(usage.json().path("ownKey").asBoolean()).isTrue();

            // the key is used for ada's lesson, sent to the provider and nowhere else
            model.then(ScriptedModel.Answer.says("{\"misconception\": \"x\", \"concept\": \"y\", \"lines\": []}"))
                    .then(ScriptedModel.Answer.says("# Order of conditions\n\nA lesson."));
            TutorCalls.Answer asked = ada.post("/api/v1/tutor/lessons", TutorCalls.lessonRequest("basics/fizzbuzz", 1));
            responses.append(asked.body());
            JsonNode done = ada.finished(asked.json().path("id").asText());
            responses.append(done.toString());
            assertThat(done.path("status").asText()).isEqualTo("done");
            assertThat(model.chats()).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + KEY));
            assertThat(bob.get("/api/v1/tutor/lessons/" + asked.json().path("id").asText()).status()).isEqualTo(404);

            // the web page shows the last four only
            assertThat(server.hub().tutor().key(ada.account(server)).orElseThrow().last4()).isEqualTo("WXYZ");
        } finally {
            root.detachAppender(log);
            root.setLevel(was);
        }
        assertThat(responses.toString()).doesNotContain(KEY).doesNotContain(KEY.substring(0, 12));
        StringBuilder logged = new StringBuilder();
        for (ILoggingEvent e : log.list) {
            logged.append(e.getFormattedMessage()).append(e.getKeyValuePairs()).append(e.getMDCPropertyMap());
            if (e.getThrowableProxy() != null) {
                logged.append(ThrowableProxyUtil.asString(e.getThrowableProxy()));
            }
            logged.append('\n');
        }
        assertThat(log.list).isNotEmpty();
        assertThat(logged.toString()).doesNotContain(KEY).doesNotContain(KEY.substring(3, 15));

        String b64 = Base64.getEncoder().encodeToString(KEY.getBytes(StandardCharsets.UTF_8));
        StringBuilder dump = new StringBuilder();
        try (Connection c = TestDatabases.connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM hub_ai_key")) {
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    dump.append(rs.getString(i)).append('|');
                }
            }
        }
        assertThat(dump.toString()).contains("WXYZ").doesNotContain(KEY).doesNotContain(b64.substring(0, 20));
        for (String file : new String[] {"server.db", "server.db-wal"}) {
            Path p = tmp.resolve(file);
            if (Files.exists(p)) {
                String bytes = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
                assertThat(bytes).as(file).doesNotContain(KEY).doesNotContain(KEY.substring(3, 15))
                        .doesNotContain(b64.substring(0, 20));
            }
        }
    }

    @Test
    @DisplayName("an own key goes only where the operator allows (ai-own-key-urls): no probing the server's own network")
    void ownKeyUrlsAllowList() throws Exception {
        String database = TestDatabases.sqlite(tmp);
        try (ScriptedModel model = new ScriptedModel()) {
            try (ProgyServer server = TestServers.start(database)) {
                TutorCalls ada = TutorCalls.account(server, "ada");
                for (String url : List.of(model.url(), "http://169.254.169.254/latest/meta-data",
                        "http://localhost:5432/v1", "https://api.openai.com.evil.example/v1",
                        "https://user@api.openai.com/v1")) {
                    TutorCalls.Answer set = ada.put("/api/v1/ai/key", "{\"provider\": \"openai\", \"key\": \""
                            + KEY + "\", \"baseUrl\": \"" + url + "\"}");
                    assertThat(set.status()).as(url).isEqualTo(400);
                    assertThat(set.json().path("error").asText()).as(url).isIn("base_url_not_allowed", "bad_request");
                }
                TutorCalls.Answer refused = ada.put("/api/v1/ai/key", "{\"provider\": \"openai\", \"key\": \""
                        + KEY + "\", \"baseUrl\": \"" + model.url() + "\"}");
                assertThat(refused.json().path("message").asText()).isEqualTo("This server does not send AI keys to "
                        + model.url() + ": it sends them only to https://api.openai.com/v1, https://api.anthropic.com/v1.");
                assertThat(refused.json().path("fix").asText()).contains("ai-own-key-urls");
                assertThat(model.received()).as("nothing was sent to a refused address").isEmpty();
                assertThat(ada.get("/api/v1/ai/key").status()).isEqualTo(404);
            }
            // the operator lists the school's model server: spelt with a trailing slash, it is the same address
            try (ProgyServer server = TestServers.start(database, "ai-own-key-urls", model.url() + "/")) {
                TutorCalls ada = new TutorCalls(TestServers.url(server),
                        server.accounts().createToken("ada", java.util.Set.of("ai"), java.util.Optional.empty(), "t"));
                assertThat(ada.put("/api/v1/ai/key", "{\"provider\": \"openai\", \"key\": \"" + KEY
                        + "\", \"baseUrl\": \"" + model.url() + "\"}").status()).isEqualTo(200);
            }
            // and later takes it off the list: the stored key is not sent there any more
            try (ProgyServer server = TestServers.start(database)) {
                TutorCalls ada = new TutorCalls(TestServers.url(server),
                        server.accounts().createToken("ada", java.util.Set.of("ai"), java.util.Optional.empty(), "t"));
                int before = model.chats().size();
                JsonNode lesson = ada.finished(ada.post("/api/v1/tutor/lessons",
                        TutorCalls.lessonRequest("basics/fizzbuzz", 1)).json().path("id").asText());
                assertThat(lesson.path("status").asText()).isEqualTo("failed");
                assertThat(lesson.path("error").asText()).contains("no longer sends keys").contains("progy ai key set");
                assertThat(model.chats()).hasSize(before);
            }
        }
    }

    @Test
    @DisplayName("a key the provider refuses is not stored: 400 with what to do")
    void refusedKey() throws Exception {
        try (ScriptedModel model = new ScriptedModel().refuse("sk-wrong-key-1234");
             ProgyServer server = TestServers.start(TestDatabases.sqlite(tmp), "ai-own-key-urls", model.url())) {
            TutorCalls ada = TutorCalls.account(server, "ada");
            TutorCalls.Answer set = ada.put("/api/v1/ai/key", "{\"provider\": \"openai\", \"key\": "
                    + "\"sk-wrong-key-1234\", \"baseUrl\": \"" + model.url() + "\"}");
            assertThat(set.status()).isEqualTo(400);
            assertThat(set.json().path("message").asText()).isEqualTo("The provider refused this key.");
            assertThat(set.json().path("fix").asText()).contains("progy ai key set");
            assertThat(ada.get("/api/v1/ai/key").status()).isEqualTo(404);
        }
    }

    @Test
    @DisplayName("a provider that cannot be reached does not stop a key being stored; DELETE forgets it")
    void unreachableStillStores() throws Exception {
        try (ProgyServer server = TestServers.start(TestDatabases.sqlite(tmp), "ai-own-key-urls",
                "http://127.0.0.1:9/v1")) {
            TutorCalls ada = TutorCalls.account(server, "ada");
            TutorCalls.Answer set = ada.put("/api/v1/ai/key", "{\"provider\": \"anthropic\", \"key\": "
                    + "\"sk-ant-0123456789\", \"baseUrl\": \"http://127.0.0.1:9/v1\"}");
            assertThat(set.status()).isEqualTo(200);
            assertThat(set.json().path("last4").asText()).isEqualTo("6789");
            assertThat(ada.delete("/api/v1/ai/key").status()).isEqualTo(204);
            assertThat(ada.get("/api/v1/ai/key").status()).isEqualTo(404);
        }
    }

    @Test
    @DisplayName("a sealed key changed in the database, or moved to another account, is refused with a clear error")
    void tampered() throws Exception {
        String database = TestDatabases.sqlite(tmp);
        try (ScriptedModel model = new ScriptedModel();
             ProgyServer server = TestServers.start(database, "ai-own-key-urls", model.url())) {
            TutorCalls ada = TutorCalls.account(server, "ada");
            TutorCalls bob = TutorCalls.account(server, "bob");
            assertThat(ada.put("/api/v1/ai/key", "{\"provider\": \"openai\", \"key\": \"" + KEY + "\", "
                    + "\"baseUrl\": \"" + model.url() + "\"}").status()).isEqualTo(200);
            try (Connection c = TestDatabases.connect(database); Statement s = c.createStatement()) {
                // the ciphertext with one base64 character changed
                ResultSet rs = s.executeQuery("SELECT ciphertext FROM hub_ai_key");
                rs.next();
                String ct = rs.getString(1);
                rs.close();
                char changed = ct.charAt(20) == 'A' ? 'B' : 'A';
                s.executeUpdate("UPDATE hub_ai_key SET ciphertext = '" + ct.substring(0, 20) + changed
                        + ct.substring(21) + "'");
            }
            TutorCalls.Answer asked = ada.post("/api/v1/tutor/lessons", TutorCalls.lessonRequest("basics/fizzbuzz", 1));
            assertThat(asked.status()).isEqualTo(202);
            JsonNode failed = ada.finished(asked.json().path("id").asText());
            assertThat(failed.path("status").asText()).isEqualTo("failed");
            assertThat(failed.path("error").asText()).contains("could not be decrypted").contains("progy ai key set");
            assertThat(model.chats()).isEmpty();

            // ada's (intact) sealed key copied into bob's row does not open for bob
            assertThat(ada.put("/api/v1/ai/key", "{\"provider\": \"openai\", \"key\": \"" + KEY + "\", "
                    + "\"baseUrl\": \"" + model.url() + "\"}").status()).isEqualTo(200);
            long adaId = ada.account(server);
            long bobId = bob.account(server);
            try (Connection c = TestDatabases.connect(database); Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO hub_ai_key (account_id, provider, model, base_url, last4, key_id, "
                        + "wrapped_key, ciphertext, set_ms) SELECT " + bobId + ", provider, model, base_url, last4, "
                        + "key_id, wrapped_key, ciphertext, set_ms FROM hub_ai_key WHERE account_id = " + adaId);
            }
            TutorCalls.Answer stolen = bob.post("/api/v1/tutor/lessons", TutorCalls.lessonRequest("basics/fizzbuzz", 2));
            JsonNode refused = bob.finished(stolen.json().path("id").asText());
            assertThat(refused.path("status").asText()).isEqualTo("failed");
            assertThat(refused.path("error").asText()).contains("could not be decrypted");
            assertThat(model.chats()).isEmpty();
        }
    }

    @Test
    @DisplayName("rotate-ai-master-key puts a new key first in the file and re-wraps every stored key, which still works")
    void rotation() throws Exception {
        String database = TestDatabases.sqlite(tmp);
        Path keyFile = tmp.resolve("ai-master.key");
        try (ScriptedModel model = new ScriptedModel()) {
            String before;
            try (ProgyServer server = TestServers.start(database, "ai-own-key-urls", model.url())) {
                assertThat(Files.readAllLines(keyFile)).hasSize(1);
                if (keyFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
                }
                TutorCalls ada = TutorCalls.account(server, "ada");
                assertThat(ada.put("/api/v1/ai/key", "{\"provider\": \"openai\", \"key\": \"" + KEY + "\", "
                        + "\"baseUrl\": \"" + model.url() + "\"}").status()).isEqualTo(200);
                before = server.hub().tutor().key(ada.account(server)).orElseThrow().sealed().keyId();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(new String[] {"admin", "rotate-ai-master-key", "--db", database},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                    Map.of());
            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("Re-wrapped 1 stored AI key(s)");
            assertThat(Files.readAllLines(keyFile)).hasSize(2);
            try (ProgyServer server = TestServers.start(database, "ai-own-key-urls", model.url())) {
                TutorCalls ada = new TutorCalls(TestServers.url(server),
                        server.accounts().createToken("ada", java.util.Set.of("ai"), java.util.Optional.empty(), "t"));
                assertThat(server.hub().tutor().key(ada.account(server)).orElseThrow().sealed().keyId())
                        .isNotEqualTo(before);
                TutorCalls.Answer asked = ada.post("/api/v1/tutor/lessons",
                        TutorCalls.lessonRequest("basics/fizzbuzz", 1));
                assertThat(ada.finished(asked.json().path("id").asText()).path("status").asText()).isEqualTo("done");
                assertThat(model.chats()).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + KEY));
            }
        }
    }
}
