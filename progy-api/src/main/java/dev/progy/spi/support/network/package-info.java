/**
 * Network access by allowlist for container runners: the hosts a course's runner names
 * ({@link dev.progy.spi.support.network.EgressRules}) and the proxy that is course code's only way out
 * ({@link dev.progy.spi.support.network.EgressProxy}), which lets through what the rules allow and reports every
 * attempt.
 */
@NullMarked
package dev.progy.spi.support.network;

import org.jspecify.annotations.NullMarked;
