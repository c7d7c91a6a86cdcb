/**
 * The operator console: server-rendered pages (templates in {@code src/main/jte/console}) for operators to sign in, see
 * every source and run at a glance, read and download reports, and act on held runs. Sessions are cookies backed by the
 * database, with a token per session for forms. May use {@code config}, {@code database} (the sessions' store),
 * {@code security}, {@code operator}, {@code tenant}, {@code report}, {@code pipeline}, {@code schedule},
 * {@code intake.inbox}, {@code intake.sftp}, {@code intake.remote}: what the admin API uses, so that each setting is
 * checked by one rule.
 */
package org.rostersync.console;
