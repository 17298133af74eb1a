package dev.progy.sync.ai;

import java.util.ArrayList;
import java.util.List;

/** Anthropic's Messages API wire format, as the API sends it. */
final class AnthropicWire {

    private AnthropicWire() { }

    static String message(String text) {
        return """
                {"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant",\
                "model":"claude-sonnet-4-5","content":[{"type":"text","text":%s}],\
                "stop_reason":"end_turn","stop_sequence":null,\
                "usage":{"input_tokens":120,"output_tokens":40}}""".formatted(ScriptedJson.string(text));
    }

    /** message_start, a text block with one content_block_delta per piece (and a ping), message_stop. */
    static List<String> stream(List<String> pieces) {
        List<String> events = new ArrayList<>();
        events.add(event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_01\",\"type\":\"message\","
                + "\"role\":\"assistant\",\"content\":[],\"model\":\"claude-sonnet-4-5\",\"stop_reason\":null,"
                + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}"));
        events.add(event("content_block_start",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
        events.add(event("ping", "{\"type\": \"ping\"}"));
        for (String p : pieces) {
            events.add(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":" + ScriptedJson.string(p) + "}}"));
        }
        events.add(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
        events.add(event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":15}}"));
        events.add(event("message_stop", "{\"type\":\"message_stop\"}"));
        return events;
    }

    static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    static String error(String type, String message) {
        return """
                {"type":"error","error":{"type":"%s","message":%s},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}"""
                .formatted(type, ScriptedJson.string(message));
    }
}
