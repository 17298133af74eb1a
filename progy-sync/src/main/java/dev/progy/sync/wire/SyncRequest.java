package dev.progy.sync.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.progy.model.ProgressRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The body of {@code POST /api/v1/sync}: a batch of records to merge into the account's, under an idempotency key,
 * and the cursor to pull the account's changes above, in one round trip.
 *
 * <pre>
 * {"key":"&lt;idempotency key&gt;","device":"&lt;device id&gt;","cursor":0,"limit":1000,"push":[record, …]}
 * </pre>
 *
 * @param key    chosen by the client for this batch and kept until the batch is acknowledged: a batch sent again
 *               under the same key is applied once; 1 to {@value #MAX_KEY} characters
 * @param device the pushing device, for the server's log
 * @param cursor the highest server sequence number the client has pulled; 0 at first
 * @param limit  the most records to pull in this round trip (the server caps it)
 * @param push   the client's records changed since its last acknowledged push; may be empty (a pull)
 */
public record SyncRequest(String key, String device, long cursor, int limit, List<ProgressRecord> push) {

    /** The longest idempotency key accepted. */
    public static final int MAX_KEY = 100;

    public SyncRequest {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(device, "device");
        push = List.copyOf(push);
    }

    /** Writes the request as JSON. */
    public void write(OutputStream out) throws IOException {
        try (JsonGenerator g = RecordJson.JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("key", key);
            g.writeStringField("device", device);
            g.writeNumberField("cursor", cursor);
            g.writeNumberField("limit", limit);
            g.writeArrayFieldStart("push");
            for (ProgressRecord r : push) {
                RecordJson.write(g, r);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /** Reads a request, refusing more than {@code maxRecords} pushed records. */
    public static SyncRequest read(InputStream in, int maxRecords) throws IOException, RecordJson.Malformed {
        String key = null;
        String device = "";
        long cursor = 0;
        int limit = 0;
        List<ProgressRecord> push = new ArrayList<>();
        try (JsonParser p = RecordJson.JSON.createParser(in)) {
            p.nextToken();
            RecordJson.expect(p, JsonToken.START_OBJECT, "the request");
            for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
                p.nextToken();
                switch (field) {
                    case "key" -> key = RecordJson.text(p, field);
                    case "device" -> device = RecordJson.text(p, field);
                    case "cursor" -> cursor = RecordJson.number(p, field);
                    case "limit" -> limit = (int) Math.min(Integer.MAX_VALUE, RecordJson.number(p, field));
                    case "push" -> {
                        RecordJson.expect(p, JsonToken.START_ARRAY, field);
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            if (push.size() == maxRecords) {
                                throw new RecordJson.Malformed("the request pushes more than " + maxRecords
                                        + " records; send them in several batches");
                            }
                            push.add(RecordJson.read(p));
                        }
                    }
                    default -> throw new RecordJson.Malformed("the request has an unknown field \"" + field + "\"");
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new RecordJson.Malformed("the request is not valid JSON: " + e.getOriginalMessage());
        }
        if (key == null || key.isEmpty() || key.length() > MAX_KEY) {
            throw new RecordJson.Malformed("the request needs an idempotency key \"key\" of 1 to " + MAX_KEY
                    + " characters");
        }
        if (cursor < 0) {
            throw new RecordJson.Malformed("the cursor cannot be negative: " + cursor);
        }
        return new SyncRequest(key, device, cursor, limit, push);
    }
}
