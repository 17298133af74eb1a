package dev.progy.runner.podman;

import dev.progy.testkit.LayeringRules;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LayeringTest {
    @Test
    @DisplayName("progy-runner-podman keeps to its layer: only progy-api's public packages, no other adapter, vendor types at home")
    void keepsItsLayer() {
        LayeringRules.check("dev.progy.runner.podman");
    }
}
