package dev.progy.spi;

import java.util.List;

/**
 * What {@code progy doctor} and {@code progy gc} ask of a runner provider that drives a container engine.
 * Offered by {@link RunnerProvider#admin(ProviderConfig)}; providers without an engine (the host runner) offer
 * none. Every method connects to the engine itself and never throws for an engine that is missing or
 * unreachable: that is part of the answer.
 */
public interface EngineAdmin {

    /** The engine as the runner would use it: where it looked, what it found, what is missing. */
    EngineReport inspect();

    /**
     * What crashed or killed runs left behind: containers, exec sessions, networks, volumes and pods labelled
     * {@code dev.progy.managed} whose run is over (its process {@code dev.progy.pid} is gone), and, when
     * {@code includeImages}, course images ({@code progy/...}) that a newer build of the same course replaced.
     * Nothing of a run still on is listed.
     */
    List<Leftover> leftovers(boolean includeImages);

    /**
     * Removes {@code leftovers} (as listed by {@link #leftovers}) and returns those it removed; one that is
     * already gone counts as removed, one the engine refuses is left out of the answer.
     */
    List<Leftover> remove(List<Leftover> leftovers);
}
