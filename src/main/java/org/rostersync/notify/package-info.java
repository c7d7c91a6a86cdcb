/**
 * Email about runs: the announcement of each run that ends (as the source's notification settings ask), the daily
 * digest of held runs, and the outbox they go through (written in the transaction that decides to send, sent by
 * whichever instance locks it first, retried with backoff, recorded with its outcome). A mail failure never touches a
 * run. May use {@code config}, {@code database}, {@code tenant} and {@code report}; never {@code pipeline},
 * {@code intake} or {@code api}.
 */
package org.rostersync.notify;
