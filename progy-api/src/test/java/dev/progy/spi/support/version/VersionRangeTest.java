package dev.progy.spi.support.version;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A version range")
class VersionRangeTest {

    private static boolean matches(String range, String version) {
        return VersionRange.parse(range).orElseThrow().matches(SemanticVersion.parse(version).orElseThrow());
    }

    @ParameterizedTest(name = "{0} holds {1}: {2}")
    @CsvSource(delimiter = ';', value = {
            "1.2.3      ; 1.2.3       ; true",
            "1.2.3      ; 1.2.4       ; false",
            "=1.2.3     ; 1.2.3       ; true",
            "^1.2       ; 1.2.0       ; true",
            "^1.2       ; 1.9.7       ; true",
            "^1.2       ; 2.0.0       ; false",
            "^1.2       ; 1.1.9       ; false",
            "^1.2.3     ; 1.2.2       ; false",
            "^0.2.3     ; 0.2.9       ; true",
            "^0.2.3     ; 0.3.0       ; false",
            "^0.0.3     ; 0.0.3       ; true",
            "^0.0.3     ; 0.0.4       ; false",
            "^0.x       ; 0.9.0       ; true",
            "^0.x       ; 1.0.0       ; false",
            "~1.2.3     ; 1.2.9       ; true",
            "~1.2.3     ; 1.3.0       ; false",
            "~1.2       ; 1.2.0       ; true",
            "~1         ; 1.9.0       ; true",
            "~1         ; 2.0.0       ; false",
            ">=1.2      ; 1.2.0       ; true",
            ">=1.2      ; 1.1.9       ; false",
            ">= 1.2 <2  ; 1.99.0      ; true",
            ">=1.2 <2   ; 2.0.0       ; false",
            "<2         ; 2.0.0-rc.1  ; false",
            "<=1.5      ; 1.5.9       ; true",
            "<=1.5      ; 1.6.0       ; false",
            ">1.2       ; 1.2.9       ; false",
            ">1.2       ; 1.3.0       ; true",
            ">1.2.3     ; 1.2.4       ; true",
            "1.x        ; 1.4.0       ; true",
            "1.x        ; 2.0.0       ; false",
            "1.2.*      ; 1.2.7       ; true",
            "1.2.*      ; 1.3.0       ; false",
            "1          ; 1.0.1       ; true",
            "*          ; 3.1.4       ; true",
            "x          ; 0.0.1       ; true",
            "1.2 - 1.4  ; 1.4.9       ; true",
            "1.2 - 1.4  ; 1.5.0       ; false",
            "1.2.3 - 2.0.0 ; 2.0.0    ; true",
            "^1 || ^3   ; 3.2.0       ; true",
            "^1 || ^3   ; 2.2.0       ; false",
    })
    @DisplayName("holds the versions npm's ranges hold")
    void npmRanges(String range, String version, boolean expected) {
        assertThat(matches(range.trim(), version.trim())).isEqualTo(expected);
    }

    @Test
    @DisplayName("holds a pre-release only when the range names a pre-release of the same version")
    void preReleases() {
        assertThat(matches("^1.2", "1.5.0-beta.1")).isFalse();
        assertThat(matches("*", "2.0.0-rc.1")).isFalse();
        assertThat(matches("^1.2.3-beta.2", "1.2.3-beta.4")).isTrue();
        assertThat(matches("^1.2.3-beta.2", "1.2.4-beta.1")).isFalse();
        assertThat(matches("^1.2.3-beta.2", "1.2.4")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"latest", "^", "1.2.3.4", ">=>1", "1.2.3 - ", "abc || 1"})
    @DisplayName("refuses text that is not a range")
    void notRanges(String text) {
        assertThat(VersionRange.parse(text)).isEmpty();
    }

    record Release(String version, boolean yanked) { }

    private static Optional<String> choose(String spec, Release... releases) {
        return VersionRange.choose(List.of(releases), spec, Release::version, Release::yanked).map(Release::version);
    }

    @Test
    @DisplayName("chooses the newest matching version, passing over yanked ones, whatever order they come in")
    void choosesNewestNotYanked() {
        Release[] all = {new Release("1.3.0", false), new Release("1.2.0", false), new Release("1.4.0", true),
                new Release("2.0.0", false), new Release("1.10.0-rc.1", false)};

        assertThat(choose("^1.2", all)).contains("1.3.0");
        assertThat(choose("", all)).contains("2.0.0");
        assertThat(choose("~1.4", all)).isEmpty();
        assertThat(choose("^3", all)).isEmpty();
    }

    @Test
    @DisplayName("installs a yanked version when asked for by its exact number, and never through a range")
    void yankedOnlyByExactVersion() {
        Release[] all = {new Release("1.0.0", false), new Release("1.1.0", true)};

        assertThat(choose("1.1.0", all)).contains("1.1.0");
        assertThat(choose("=1.1.0", all)).contains("1.1.0");
        assertThat(choose(">=1.1.0", all)).isEmpty();
        assertThat(choose("1.1", all)).isEmpty();
        assertThat(choose("*", all)).contains("1.0.0");
    }

    @Test
    @DisplayName("tells an exact version from a range")
    void exact() {
        assertThat(Set.of("1.2.3", "=1.2.3", " 1.2.3-rc.1"))
                .allSatisfy(t -> assertThat(VersionRange.exact(t)).isPresent());
        assertThat(Set.of("1.2", "^1.2.3", "1.x", "*", ""))
                .allSatisfy(t -> assertThat(VersionRange.exact(t)).isEmpty());
    }
}
