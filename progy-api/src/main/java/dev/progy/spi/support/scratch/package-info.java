/** Making private temporary files and folders cheaply, and removing the folders a module made for itself, never following a link out of them. */
@NullMarked
package dev.progy.spi.support.scratch;

import org.jspecify.annotations.NullMarked;
