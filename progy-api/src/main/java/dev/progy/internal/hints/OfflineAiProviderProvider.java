package dev.progy.internal.hints;

import dev.progy.spi.AiProvider;
import dev.progy.spi.AiProviderProvider;
import dev.progy.spi.ProviderConfig;

/**
 * Offline hints ({@code offline}): the exercise's own hints, then a pointer at the last failure. Always
 * available and lowest in priority, so it is what a student gets when no AI provider is configured.
 */
public final class OfflineAiProviderProvider implements AiProviderProvider {

    @Override
    public String id() {
        return "offline";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public AiProvider create(ProviderConfig config) {
        return new OfflineAiProvider();
    }
}
