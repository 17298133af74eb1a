/**
 * progy-assets: shrinks a course's images to WebP (and, when {@code avifenc} is installed, AVIF beside them) and
 * points its Markdown, {@code course.json} and quizzes at the new files, touching no other byte. The entry point is
 * {@link dev.progy.assets.AssetOptimizer}; the rest of the package is its inner workings.
 */
package dev.progy.assets;
