/**
 * Email about runs: the announcement of each run that ends (as the source's notification settings ask, opening with the
 * run's summary), the daily digest of held runs, the report of a run's issues for the source's vendor contacts (its rows
 * attached as CSV), and the outbox they go through (written in the transaction that decides to send, sent by
 * whichever instance locks it first, retried with backoff, recorded with its outcome). A mail failure never touches a
 * run. May use {@code config}, {@code database}, {@code tenant}, {@code report} and {@code intake.inbox} (the files a
 * run froze, named in the vendor report); never {@code pipeline} or {@code api}.
 */
package org.rostersync.notify;
