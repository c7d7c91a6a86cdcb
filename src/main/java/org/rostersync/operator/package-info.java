/** Operators of the admin API (and later the console): the bootstrap of {@code admin} and password checks. May use {@code config}, {@code security}. */
package org.rostersync.operator;
