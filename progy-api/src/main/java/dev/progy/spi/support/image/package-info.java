/**
 * Course images: what one is built from ({@link dev.progy.spi.support.image.BuildContext}) and what it is called
 * ({@link dev.progy.spi.support.image.CourseImageNames}), the same on every engine.
 */
@NullMarked
package dev.progy.spi.support.image;

import org.jspecify.annotations.NullMarked;
