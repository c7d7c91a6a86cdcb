package org.rostersync.notify;

import java.util.List;

/** One email to send: plain text, to every recipient at once. {@code urgent} marks one that asks for action. */
record Email(List<String> recipients, String subject, String body, boolean urgent) {

    Email {
        recipients = List.copyOf(recipients);
    }
}
