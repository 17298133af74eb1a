/**
 * Strict JSON trees ({@link dev.progy.spi.support.json.JsonTrees}): what runners report and what the SDK keeps on
 * disk, read and written the same way everywhere.
 */
@NullMarked
package dev.progy.spi.support.json;

import org.jspecify.annotations.NullMarked;
