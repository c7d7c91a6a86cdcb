/**
 * Operators of the console and the admin API: the bootstrap of {@code admin}, password checks, and the one defence of
 * their logins ({@code OperatorLogins}: per-address bans, per-operator locks), their own password changes and API tokens
 * ({@code OperatorTokens}); changes of operators are recorded in the settings audit log. May use {@code config},
 * {@code database}, {@code security}, {@code tenant}.
 */
package org.rostersync.operator;
