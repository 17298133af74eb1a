/** Removing the folders a module made for itself, never following a link out of them. */
package dev.progy.spi.support.scratch;
