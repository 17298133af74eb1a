package dev.progy.sync.wire;

import dev.progy.model.ProgressRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("A sync request as the server receives it")
class SyncRequestTest {

    private static final ProgressRecord A = record("a", 1);
    private static final ProgressRecord B = record("b", 2);

    @Test
    @DisplayName("digests its push list as sent: the same batch under another cursor digests the same, another batch not")
    void pushDigest() throws Exception {
        SyncRequest.Received first = receive(new SyncRequest("k", "laptop", 0, 100, List.of(A, B)));
        SyncRequest.Received retry = receive(new SyncRequest("k", "laptop", 42, 500, List.of(A, B)));
        SyncRequest.Received other = receive(new SyncRequest("k", "laptop", 0, 100, List.of(A, record("b", 3))));

        assertThat(first.request().push()).containsExactly(A, B);
        assertThat(first.pushDigest()).hasSize(64).isEqualTo(retry.pushDigest()).isNotEqualTo(other.pushDigest());
        assertThat(receive(new SyncRequest("k", "laptop", 0, 100, List.of())).pushDigest()).isEmpty();
    }

    @Test
    @DisplayName("refuses a request with two push lists, which one digest could not cover")
    void twoPushLists() {
        String body = "{\"key\":\"k\",\"push\":[],\"push\":[" + RecordJson.text(A) + "]}";

        assertThatThrownBy(() -> SyncRequest.receive(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), 10))
                .isInstanceOf(RecordJson.Malformed.class).hasMessageContaining("two push lists");
    }

    private static SyncRequest.Received receive(SyncRequest request) throws IOException, RecordJson.Malformed {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        request.write(out);
        return SyncRequest.receive(new ByteArrayInputStream(out.toByteArray()), 10);
    }

    private static ProgressRecord record(String item, long attempts) {
        ProgressRecord blank = ProgressRecord.blank(new ProgressRecord.Key("c", ProgressRecord.Kind.EXERCISE, item));
        return blank.merge(new ProgressRecord(blank.key(), ProgressRecord.Status.ATTEMPTED, Map.of("laptop", attempts),
                blank.firstPassedAt(), 0, 0, 0, blank.latest(), blank.activeDays(), blank.achievements(), 0));
    }
}
