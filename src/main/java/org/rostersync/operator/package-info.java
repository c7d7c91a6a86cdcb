/**
 * Operators of the console and the admin API: the bootstrap of {@code admin}, password checks, and the one defence of
 * their logins ({@code OperatorLogins}: per-address bans, per-operator locks). May use {@code config},
 * {@code database}, {@code security}.
 */
package org.rostersync.operator;
