package dev.progy.spi.support.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTreesTest {

    private static final String DOC = """
            {"s": "tëxt", "i": 7, "l": 12345678901, "big": 123456789012345678901234567890, "d": 1.5,
             "t": true, "f": false, "n": null, "a": [1, "x", {"k": []}], "o": {"nested": {"deep": [null]}}}""";

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("a tree read here equals the tree an ObjectMapper reads, and survives writing and reading back")
    void sameTreeAsObjectMapper() throws IOException {
        JsonNode expected = new ObjectMapper().readTree(DOC);
        JsonNode tree = JsonTrees.read(bytes(DOC));
        assertThat(tree).isEqualTo(expected);
        assertThat(JsonTrees.read(JsonTrees.write(tree, true))).isEqualTo(expected);
        assertThat(JsonTrees.read(JsonTrees.write(tree, false))).isEqualTo(expected);
    }

    @Test
    @DisplayName("empty input, trailing content and broken syntax are errors, not partial trees")
    void malformedInputIsRefused() {
        assertThatThrownBy(() -> JsonTrees.read(bytes(""))).isInstanceOf(IOException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> JsonTrees.read(bytes("{} {}"))).isInstanceOf(IOException.class)
                .hasMessageContaining("after the end");
        assertThatThrownBy(() -> JsonTrees.read(bytes("{\"a\": "))).isInstanceOf(IOException.class);
    }

    @Test
    @DisplayName("a duplicate key keeps its last value, as ObjectMapper and JavaScript do")
    void duplicateKeysKeepTheLastValue() throws IOException {
        assertThat(JsonTrees.read(bytes("{\"a\": 1, \"a\": 2}")).get("a").asInt()).isEqualTo(2);
    }
}
