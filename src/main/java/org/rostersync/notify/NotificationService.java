package org.rostersync.notify;

import jakarta.inject.Singleton;
import jakarta.mail.MessagingException;
import org.rostersync.tenant.InvalidSettingException;
import org.rostersync.tenant.NotificationSettings;
import org.rostersync.tenant.Notifications;
import org.rostersync.tenant.Source;
import org.rostersync.tenant.TenantService;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What operators do with notifications: read and change a source's settings, read its emails, send a test email. */
@Singleton
public class NotificationService {

    private final TenantService tenants;
    private final EmailStore store;
    private final Mailer mailer;

    NotificationService(TenantService tenants, EmailStore store, Mailer mailer) {
        this.tenants = tenants;
        this.store = store;
        this.mailer = mailer;
    }

    /** The source's settings; empty when the source does not exist. */
    public Optional<Notifications> settings(UUID sourceId) {
        return tenants.notifications(sourceId);
    }

    /**
     * Checks and saves the settings; empty when the source does not exist.
     *
     * @throws InvalidSettingException naming the field that cannot be taken; nothing is saved then
     */
    public Optional<Notifications> save(UUID sourceId, NotificationSettings settings, org.rostersync.tenant.Actor by) {
        Notifications checked = settings.toNotifications();
        return tenants.saveNotifications(sourceId, checked, by) ? Optional.of(checked) : Optional.empty();
    }

    /** The source's emails, newest first, with how sending each went. */
    public List<SentEmail> emails(UUID sourceId, int limit) {
        return store.forSource(sourceId, limit);
    }

    /** What a test email did: sent to the recipients, or the SMTP server's answer. */
    @io.micronaut.serde.annotation.Serdeable
    public record TestResult(boolean sent, List<String> recipients, String detail) {
    }

    /**
     * Sends a test email to the source's recipients now, past the outbox, so that an operator sees at once whether mail
     * gets through.
     *
     * @throws InvalidSettingException when the source has no recipients
     */
    public TestResult sendTest(Source source) {
        Notifications settings = tenants.notifications(source.id()).orElse(Notifications.NONE);
        if (settings.recipients().isEmpty()) {
            throw new InvalidSettingException("recipients", "the source has no recipients to send a test email to: set them first");
        }
        Email email = new Email(settings.recipients(), "[rostersync] Test email for " + source.name(),
                "This is a test email from rostersync. The notifications of " + source.name() + " reach this address.\n", false);
        try {
            mailer.send(email);
            return new TestResult(true, settings.recipients(), "the SMTP server accepted the email");
        } catch (MessagingException e) {
            return new TestResult(false, settings.recipients(), "the email was not sent: " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"));
        }
    }
}
