package dev.progy.runner.docker;

import dev.progy.testkit.LayeringRules;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LayeringTest {
    @Test
    @DisplayName("progy-runner-docker keeps to its layer: only progy-api's public packages, no other adapter, vendor types at home")
    void keepsItsLayer() {
        LayeringRules.check("dev.progy.runner.docker");
    }
}
