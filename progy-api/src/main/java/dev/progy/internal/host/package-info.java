/** Part of the SDK's implementation (host); not API. */
@NullMarked
package dev.progy.internal.host;

import org.jspecify.annotations.NullMarked;
