package dev.progy.sync.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.progy.model.ProgressRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
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
        try (JsonParser p = RecordJson.JSON.createParser(in)) {
            return read(p, maxRecords, new long[2]);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new RecordJson.Malformed("the request is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * A request as a server received it, with the SHA-256 of its {@code push} list exactly as sent (from {@code [}
     * to {@code ]}): what a server remembers under the idempotency key. A client sends a retry's push byte for byte
     * as the first time (this format's writer is canonical), so the digest tells a retry from another batch under
     * the same key without encoding each record again; a batch encoded differently under a used key is refused,
     * never applied twice.
     *
     * @param request    the request
     * @param pushDigest the digest of the push list's bytes, in hex; "" when nothing is pushed
     */
    public record Received(SyncRequest request, String pushDigest) { }

    /** {@link #read}, and the digest of the push list as sent. */
    public static Received receive(InputStream in, int maxRecords) throws IOException, RecordJson.Malformed {
        byte[] body = in.readAllBytes();
        long[] span = new long[2];
        SyncRequest request;
        try (JsonParser p = RecordJson.JSON.createParser(body)) {
            request = read(p, maxRecords, span);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new RecordJson.Malformed("the request is not valid JSON: " + e.getOriginalMessage());
        }
        String digest = "";
        if (!request.push().isEmpty()) {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update(body, (int) span[0], (int) (span[1] - span[0]));
                digest = HexFormat.of().formatHex(sha.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java has SHA-256", e);
            }
        }
        return new Received(request, digest);
    }

    /** Reads the request {@code p} is at, setting {@code pushSpan} to the byte offsets of its push list. */
    private static SyncRequest read(JsonParser p, int maxRecords, long[] pushSpan) throws IOException,
            RecordJson.Malformed {
        String key = null;
        String device = "";
        long cursor = 0;
        int limit = 0;
        List<ProgressRecord> push = new ArrayList<>();
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
                    if (pushSpan[1] > 0) { // the digest covers one list: a second could slip past it
                        throw new RecordJson.Malformed("the request has two push lists");
                    }
                    pushSpan[0] = p.currentTokenLocation().getByteOffset();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        if (push.size() == maxRecords) {
                            throw new RecordJson.Malformed("the request pushes more than " + maxRecords
                                    + " records; send them in several batches");
                        }
                        push.add(RecordJson.read(p));
                    }
                    pushSpan[1] = p.currentTokenLocation().getByteOffset() + 1;
                }
                default -> throw new RecordJson.Malformed("the request has an unknown field \"" + field + "\"");
            }
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
