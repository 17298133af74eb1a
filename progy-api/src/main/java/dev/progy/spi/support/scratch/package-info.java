/** Making private temporary files and folders cheaply, replacing a file whole or not at all through one ({@link dev.progy.spi.support.scratch.AtomicFiles}), and removing the folders a module made for itself, never following a link out of them. */
@NullMarked
package dev.progy.spi.support.scratch;

import org.jspecify.annotations.NullMarked;
