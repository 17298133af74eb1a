package dev.progy.sync.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.progy.model.ProgressRecord;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to a {@link SyncRequest}.
 *
 * <pre>
 * {"stored":1,"replayed":false,"cursor":42,"more":false,"records":[record, …]}
 * </pre>
 *
 * @param stored   how many pushed records changed what the server holds (each got a new sequence number)
 * @param replayed true when the push's key had been applied before: nothing was merged again, and {@code stored}
 *                 is the first answer's
 * @param cursor   the sequence number to send as the next request's cursor: the highest the server looked at
 * @param more     true when more records wait above {@code cursor}; ask again
 * @param records  the account's records stored above the request's cursor, in sequence order, leaving out those
 *                 equal to what this request pushed (the client has them already)
 */
public record SyncResponse(int stored, boolean replayed, long cursor, boolean more, List<ProgressRecord> records) {

    public SyncResponse {
        records = List.copyOf(records);
    }

    /**
     * Writes the head of a response; the caller then writes the records (as raw canonical texts, already stored)
     * and calls {@link #writeEnd}.
     */
    public static void writeStart(JsonGenerator g, int stored, boolean replayed) throws IOException {
        g.writeStartObject();
        g.writeNumberField("stored", stored);
        g.writeBooleanField("replayed", replayed);
        g.writeArrayFieldStart("records");
    }

    /** Closes what {@link #writeStart} opened. */
    public static void writeEnd(JsonGenerator g, long cursor, boolean more) throws IOException {
        g.writeEndArray();
        g.writeNumberField("cursor", cursor);
        g.writeBooleanField("more", more);
        g.writeEndObject();
    }

    /** Reads a response. */
    public static SyncResponse read(InputStream in) throws IOException, RecordJson.Malformed {
        int stored = 0;
        boolean replayed = false;
        long cursor = -1;
        boolean more = false;
        List<ProgressRecord> records = new ArrayList<>();
        try (JsonParser p = RecordJson.JSON.createParser(in)) {
            p.nextToken();
            RecordJson.expect(p, JsonToken.START_OBJECT, "the response");
            for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
                JsonToken t = p.nextToken();
                switch (field) {
                    case "stored" -> stored = (int) RecordJson.number(p, field);
                    case "replayed" -> replayed = t == JsonToken.VALUE_TRUE;
                    case "cursor" -> cursor = RecordJson.number(p, field);
                    case "more" -> more = t == JsonToken.VALUE_TRUE;
                    case "records" -> {
                        RecordJson.expect(p, JsonToken.START_ARRAY, field);
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            records.add(RecordJson.read(p));
                        }
                    }
                    default -> p.skipChildren(); // a newer server may say more; what this client needs is above
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new RecordJson.Malformed("the response is not valid JSON: " + e.getOriginalMessage());
        }
        if (cursor < 0) {
            throw new RecordJson.Malformed("the response has no cursor");
        }
        return new SyncResponse(stored, replayed, cursor, more, records);
    }
}
