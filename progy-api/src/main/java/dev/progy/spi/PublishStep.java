package dev.progy.spi;

/**
 * One step of a registry's publish pipeline as it stands, e.g. {@code guard} / {@code passed}.
 *
 * @param step   {@code limits}, {@code guard}, {@code runs}, {@code links}, {@code ai-review}, {@code images}, or
 *               another a registry adds
 * @param state  {@code waiting}, {@code running}, {@code passed}, {@code failed}, {@code skipped} or {@code warning}
 * @param detail one line about it; may be empty
 */
public record PublishStep(String step, String state, String detail) { }
