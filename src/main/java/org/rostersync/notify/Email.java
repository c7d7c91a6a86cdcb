package org.rostersync.notify;

import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.UUID;

/**
 * One email to send: plain text, to every recipient at once. {@code urgent} marks one that asks for action;
 * {@code attachment}, when set, attaches a run's issues as CSV, written when the email is sent.
 */
record Email(List<String> recipients, String subject, String body, boolean urgent, @Nullable IssuesAttachment attachment) {

    /** Every issue of the run, as CSV under the file name. */
    record IssuesAttachment(UUID runId, String name) {
    }

    Email {
        recipients = List.copyOf(recipients);
    }

    Email(List<String> recipients, String subject, String body, boolean urgent) {
        this(recipients, subject, body, urgent, null);
    }
}
