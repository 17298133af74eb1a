/**
 * The errors the SDK reports: one unchecked root, {@link dev.progy.error.ProgyException}, whose message says what is
 * wrong and whose fix hint what to do, and the subclasses a caller can act on.
 */
@NullMarked
package dev.progy.error;

import org.jspecify.annotations.NullMarked;
