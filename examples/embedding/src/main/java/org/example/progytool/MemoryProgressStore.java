package org.example.progytool;

import dev.progy.model.CourseProgress;
import dev.progy.spi.ProgressStore;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** The tool's own progress store: progress kept in memory, for as long as the tool runs. */
public final class MemoryProgressStore implements ProgressStore {

    private final Map<String, CourseProgress> courses;

    /** A store over fresh, empty storage. */
    public MemoryProgressStore() {
        this(new ConcurrentHashMap<>());
    }

    private MemoryProgressStore(Map<String, CourseProgress> courses) {
        this.courses = courses;
    }

    /** Another store over the same storage, as a restarted part of the tool would open it. */
    public MemoryProgressStore sameStorage() {
        return new MemoryProgressStore(courses);
    }

    @Override
    public CourseProgress load(String courseId) {
        return courses.getOrDefault(courseId, CourseProgress.empty(courseId));
    }

    @Override
    public CourseProgress update(String courseId, UnaryOperator<CourseProgress> change) {
        // compute holds the entry's lock: concurrent updates of one course are serialized, as the port asks
        return courses.compute(courseId, (id, old) -> change.apply(old != null ? old : CourseProgress.empty(id)));
    }
}
