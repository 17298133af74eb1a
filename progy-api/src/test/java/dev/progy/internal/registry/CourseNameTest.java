package dev.progy.internal.registry;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A registry course name")
class CourseNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"sql-basics", "@school/algebra", "a", "rust.intro_2"})
    @DisplayName("maps to a single folder name and back")
    void reversible(String name) {
        String folder = CourseName.folder(name);

        assertThat(folder).doesNotContain("/", "\\").isNotIn(".", "..");
        assertThat(CourseName.fromFolder(folder)).contains(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "..", ".hidden", "../evil", "a/b", "@scope/../x", "@/x", "@scope/", "Upper",
            "with space", "a\\b", "C:x", "@a/b/c", "a+b"})
    @DisplayName("refuses names that could escape the registry folder or collide on another disk")
    void refused(String name) {
        assertThat(CourseName.problem(name)).isPresent();
    }
}
