/**
 * The SDK for embedders: {@link dev.progy.Progy} (made with {@code Progy.builder()}) loads courses, makes student
 * workspaces, runs exercises and keeps progress, with the adapters it is given or finds through
 * {@link java.util.ServiceLoader}; see the overview for how to embed it.
 */
@NullMarked
package dev.progy;

import org.jspecify.annotations.NullMarked;
