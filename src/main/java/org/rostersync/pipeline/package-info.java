/**
 * One run end to end: snapshot the delivery, plan from the manifest, read and check every row, write the roster in one
 * transaction, record counts and issues. May use {@code oneroster}, {@code tenant}, {@code intake.inbox}, {@code roster},
 * {@code report}.
 */
package org.rostersync.pipeline;
