package dev.progy;

import dev.progy.testkit.LayeringRules;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ApiLayeringTest {
    @Test
    @DisplayName("progy-api depends on no other progy module and keeps vendor types of other modules out")
    void apiKeepsItsLayer() {
        LayeringRules.check("dev.progy");
    }
}
