package dev.progy.spi;

import dev.progy.model.CourseProgress;

import java.util.function.UnaryOperator;

/**
 * Where a student's progress lives. Every change is atomic: a crash during {@link #update} leaves either the
 * old or the new progress, never a mix.
 */
public interface ProgressStore extends AutoCloseable {

    /** The progress of a course; {@link CourseProgress#empty} when there is none yet. */
    CourseProgress load(String courseId);

    /**
     * Applies {@code change} to the course's current progress and stores the result atomically; returns what
     * was stored. Concurrent updates through the same store are serialized.
     */
    CourseProgress update(String courseId, UnaryOperator<CourseProgress> change);

    @Override
    default void close() { }
}
