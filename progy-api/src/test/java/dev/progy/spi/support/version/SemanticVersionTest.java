package dev.progy.spi.support.version;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A semantic version")
class SemanticVersionTest {

    @Test
    @DisplayName("orders by the semver.org precedence rules")
    void precedence() {
        List<String> expected = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.2.0", "1.9.0", "1.10.0", "2.0.0",
                "10.0.0", "18446744073709551616.0.0");
        List<String> inTextOrder = Stream.of(expected.toArray(String[]::new)).sorted().toList();

        assertThat(inTextOrder.stream().map(v -> SemanticVersion.parse(v).orElseThrow()).sorted()
                .map(SemanticVersion::text)).containsExactlyElementsOf(expected);
    }

    @Test
    @DisplayName("treats versions differing only in build metadata as the same release")
    void buildMetadata() {
        SemanticVersion a = SemanticVersion.parse("1.0.0+build.1").orElseThrow();
        SemanticVersion b = SemanticVersion.parse("1.0.0+build.2").orElseThrow();

        assertThat(a.samePrecedence(b)).isTrue();
        assertThat(a.samePrecedence(SemanticVersion.parse("1.0.1").orElseThrow())).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "1.0", "v1.0.0", "01.0.0", "1.0.0-", "1.0.0-01", "1.0.0+", "1.0.0/../x", "1.0.0 "})
    @DisplayName("refuses text that is not a version")
    void invalid(String text) {
        assertThat(SemanticVersion.parse(text)).isEmpty();
    }
}
