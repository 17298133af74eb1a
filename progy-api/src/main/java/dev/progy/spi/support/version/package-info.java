/**
 * Semantic versions and the npm-style version ranges a registry resolves a course name with.
 */
@NullMarked
package dev.progy.spi.support.version;

import org.jspecify.annotations.NullMarked;
