/**
 * One run end to end: fetch from a remote server when the source has one, snapshot the delivery, plan from the
 * manifest, read and check every row, write the roster in one transaction, record counts and issues; the run queue's
 * workers, held runs' approval, and the removal of old run archives. May use {@code config}, {@code database} (this
 * instance's liveness), {@code oneroster}, {@code tenant}, {@code intake.inbox}, {@code intake.remote}, {@code roster},
 * {@code report}.
 */
package org.rostersync.pipeline;
