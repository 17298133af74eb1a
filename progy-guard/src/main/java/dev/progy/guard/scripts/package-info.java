/**
 * The behaviour rules (PG-B…) and Dockerfile rules (PG-D…): every script, build file and command of a course, with
 * one level of obfuscation undone, read for what it would do on a student's machine — a download run, the
 * environment sent away, a reverse shell, a destructive delete, persistence, a miner, a setuid bit — and each
 * Dockerfile for the hadolint-class rules and base images past their end of life or with known holes
 * ({@code eol-images.tsv}, {@code vulnerable-images.tsv}). {@link dev.progy.guard.scripts.CourseScripts} is the entry.
 */
package dev.progy.guard.scripts;
