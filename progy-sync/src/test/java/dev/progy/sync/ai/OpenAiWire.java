package dev.progy.sync.ai;

import java.util.ArrayList;
import java.util.List;

/** OpenAI's chat-completions wire format, as the API sends it. */
final class OpenAiWire {

    private OpenAiWire() { }

    static String completion(String text) {
        return """
                {"id":"chatcmpl-9x","object":"chat.completion","created":1765000000,"model":"gpt-4o-mini",\
                "choices":[{"index":0,"message":{"role":"assistant","content":%s,"refusal":null},\
                "logprobs":null,"finish_reason":"stop"}],\
                "usage":{"prompt_tokens":120,"completion_tokens":40,"total_tokens":160},\
                "system_fingerprint":"fp_test"}""".formatted(ScriptedJson.string(text));
    }

    /** {@code data: {...}} chunks, one per piece, then a finishing chunk and {@code data: [DONE]}. */
    static List<String> stream(List<String> pieces) {
        List<String> events = new ArrayList<>();
        events.add(chunk("{\"role\":\"assistant\",\"content\":\"\"}", "null"));
        for (String p : pieces) {
            events.add(chunk("{\"content\":" + ScriptedJson.string(p) + "}", "null"));
        }
        events.add(chunk("{}", "\"stop\""));
        events.add("data: [DONE]\n\n");
        return events;
    }

    private static String chunk(String delta, String finish) {
        return "data: {\"id\":\"chatcmpl-9x\",\"object\":\"chat.completion.chunk\",\"created\":1765000000,"
                + "\"model\":\"gpt-4o-mini\",\"system_fingerprint\":\"fp_test\",\"choices\":[{\"index\":0,\"delta\":"
                + delta + ",\"logprobs\":null,\"finish_reason\":" + finish + "}]}\n\n";
    }

    static String error(String message, String type, String code) {
        return """
                {"error":{"message":%s,"type":"%s","param":null,"code":%s}}""".formatted(ScriptedJson.string(message),
                type, code == null ? "null" : "\"" + code + "\"");
    }
}
