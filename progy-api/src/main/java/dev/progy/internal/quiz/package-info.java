/** Part of the SDK's implementation (quiz); not API. */
@NullMarked
package dev.progy.internal.quiz;

import org.jspecify.annotations.NullMarked;
