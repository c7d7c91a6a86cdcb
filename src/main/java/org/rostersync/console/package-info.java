/**
 * The operator console: server-rendered pages (templates in {@code src/main/jte/console}) for operators to sign in, see
 * every source and run at a glance, read and download reports, act on held runs, and change a source's settings,
 * operators, tenants and API clients. Sessions are cookies backed by the database, with a token per session for forms.
 * Uses the services the admin API uses, not the admin API, so that each setting is checked by one rule. May use
 * {@code config}, {@code database} (the sessions' store), {@code security}, {@code operator}, {@code tenant},
 * {@code report}, {@code pipeline}, {@code schedule}, {@code notify}, {@code intake.inbox}, {@code intake.sftp},
 * {@code intake.remote}, {@code roster} (the records of a run's changes).
 */
package org.rostersync.console;
