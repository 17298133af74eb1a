package dev.progy.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A model API on loopback speaking OpenAI's chat-completions and Anthropic's Messages wire formats (as the
 * provider tests of progy-sync script them): each chat request takes the next scripted answer, else a default;
 * {@code GET …/models} (the key check) answers 200, or 401 for the keys listed as refused. Records every request.
 */
final class ScriptedModel implements AutoCloseable {

    record Received(String method, String path, String authorization, String apiKey, String body) { }

    /** A scripted answer: a status and the text the model says (or an error body when the status is not 200). */
    record Answer(int status, String text, long delayMillis) {
        static Answer says(String text) {
            return new Answer(200, text, 0);
        }

        static Answer fails(int status) {
            return new Answer(status, "", 0);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> refusedKeys = new CopyOnWriteArrayList<>();
    private volatile Answer byDefault = Answer.says("{\"misconception\": \"You think x.\", \"concept\": \"loops\", "
            + "\"lines\": [{\"file\": \"main.py\", \"line\": 2}]}");

    ScriptedModel() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "scripted-model");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    /** The API's base URL, e.g. {@code http://127.0.0.1:41234/v1}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    synchronized ScriptedModel then(Answer answer) {
        script.add(answer);
        return this;
    }

    ScriptedModel byDefault(Answer answer) {
        byDefault = answer;
        return this;
    }

    ScriptedModel refuse(String key) {
        refusedKeys.add(key);
        return this;
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    List<Received> chats() {
        return received.stream().filter(r -> r.method().equals("POST")).toList();
    }

    private void handle(HttpExchange x) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String auth = x.getRequestHeaders().getFirst("Authorization");
        String apiKey = x.getRequestHeaders().getFirst("x-api-key");
        received.add(new Received(x.getRequestMethod(), x.getRequestURI().getPath(), auth, apiKey, body));
        String key = apiKey != null ? apiKey : auth == null ? "" : auth.replaceFirst("^Bearer ", "");
        boolean anthropic = x.getRequestURI().getPath().endsWith("/messages");
        if (refusedKeys.contains(key)) {
            send(x, 401, anthropic ? "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":"
                    + "\"invalid x-api-key\"}}" : "{\"error\":{\"message\":\"Incorrect API key provided.\",\"type\":"
                    + "\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}");
            return;
        }
        if (x.getRequestMethod().equals("GET")) {
            send(x, 200, "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o-mini\",\"object\":\"model\"}]}");
            return;
        }
        Answer a;
        synchronized (this) {
            a = script.isEmpty() ? byDefault : script.poll();
        }
        if (a.delayMillis() > 0) {
            try {
                Thread.sleep(a.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (a.status() != 200) {
            send(x, a.status(), a.status() == 429
                    ? "{\"error\":{\"message\":\"You exceeded your current quota.\",\"type\":\"insufficient_quota\","
                    + "\"param\":null,\"code\":\"insufficient_quota\"}}"
                    : "{\"error\":{\"message\":\"Incorrect API key provided.\",\"type\":\"invalid_request_error\","
                    + "\"param\":null,\"code\":\"invalid_api_key\"}}");
            return;
        }
        send(x, 200, anthropic ? """
                {"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-5",\
                "content":[{"type":"text","text":%s}],"stop_reason":"end_turn","stop_sequence":null,\
                "usage":{"input_tokens":120,"output_tokens":40}}""".formatted(string(a.text())) : """
                {"id":"chatcmpl-9x","object":"chat.completion","created":1765000000,"model":"gpt-4o-mini",\
                "choices":[{"index":0,"message":{"role":"assistant","content":%s,"refusal":null},\
                "logprobs":null,"finish_reason":"stop"}],\
                "usage":{"prompt_tokens":120,"completion_tokens":40,"total_tokens":160},\
                "system_fingerprint":"fp_test"}""".formatted(string(a.text())));
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String string(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
