/**
 * Strict JSON trees ({@link dev.progy.spi.support.json.JsonTrees}): what runners report and what the SDK keeps on
 * disk, read and written the same way everywhere.
 */
package dev.progy.spi.support.json;
