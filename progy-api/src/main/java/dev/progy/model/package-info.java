/**
 * The immutable records of the course domain (course, exercise, runner, run result, progress) that the SDK, its
 * ports and embedders exchange; they depend on the JDK alone.
 */
@NullMarked
package dev.progy.model;

import org.jspecify.annotations.NullMarked;
