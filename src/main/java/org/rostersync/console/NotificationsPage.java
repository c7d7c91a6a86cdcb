package org.rostersync.console;

import io.micronaut.core.annotation.Nullable;
import org.rostersync.notify.SentEmail;
import org.rostersync.tenant.NotificationSettings;
import org.rostersync.tenant.VendorContacts;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * The notifications form, the vendor contacts form, the emails sent lately (times in the source's zone), and what a
 * test email did.
 *
 * @param test         what the last test email did, or null when none was just sent
 * @param contacts     the stored vendor contacts
 * @param contactsForm the vendor contacts form as it came back, or {@link FormState#STORED}
 */
public record NotificationsPage(Frame frame, SourceHeader header, NotificationSettings stored, List<SentEmail> emails, ZoneId zone,
                                FormState form, @Nullable TestOutcome test, VendorContacts contacts, FormState contactsForm) {

    /** The stored vendor contacts, one per line as the form takes them. */
    public String contactLines() {
        return String.join("\n", contacts.contacts().stream().map(VendorContacts.Contact::display).toList());
    }

    /** Whether anybody hears of the source's runs. */
    public boolean silent() {
        return header.warning() != null;
    }

    /** A test email's outcome, shown above the form. */
    public record TestOutcome(boolean sent, String message) {
    }

    public static final List<String> SEND = List.of("every_run", "issues", "held_or_failed");

    public static String sendLabel(String send) {
        return switch (send) {
            case "every_run" -> "after every run";
            case "issues" -> "only runs with issues, held or failed";
            default -> "only held or failed runs";
        };
    }

    public String when(@Nullable Instant at) {
        return at == null ? "" : Dashboard.when(at, zone);
    }
}
