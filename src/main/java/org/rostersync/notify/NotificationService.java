package org.rostersync.notify;

import jakarta.inject.Singleton;
import jakarta.mail.MessagingException;
import org.rostersync.config.MailConfig;
import org.rostersync.report.Run;
import org.rostersync.report.RunSummaries;
import org.rostersync.tenant.InvalidSettingException;
import org.rostersync.tenant.VendorContactSettings;
import org.rostersync.tenant.VendorContacts;
import org.rostersync.tenant.NotificationSettings;
import org.rostersync.tenant.Notifications;
import org.rostersync.tenant.Source;
import org.rostersync.tenant.TenantService;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** What operators do with notifications: read and change a source's settings, read its emails, send a test email. */
@Singleton
public class NotificationService {

    private final TenantService tenants;
    private final EmailStore store;
    private final Mailer mailer;
    private final MailConfig mail;
    private final VendorReports vendorReports;
    private final RunSummaries summaries;

    NotificationService(TenantService tenants, EmailStore store, Mailer mailer, MailConfig mail, VendorReports vendorReports,
                        RunSummaries summaries) {
        this.tenants = tenants;
        this.store = store;
        this.mailer = mailer;
        this.mail = mail;
        this.vendorReports = vendorReports;
        this.summaries = summaries;
    }

    /** Whether an SMTP server is configured: without one, no email reaches anybody. */
    public boolean mailServerConfigured() {
        return mail.host() != null;
    }

    /** Who fixes the source's data at the SIS; empty when the source does not exist. */
    public Optional<VendorContacts> vendorContacts(UUID sourceId) {
        return tenants.vendorContacts(sourceId);
    }

    /**
     * Checks and saves the source's vendor contacts; empty when the source does not exist.
     *
     * @throws InvalidSettingException naming the field that cannot be taken ({@code contacts[1].email}); nothing is saved then
     */
    public Optional<VendorContacts> saveVendorContacts(UUID sourceId, VendorContactSettings settings, org.rostersync.tenant.Actor by) {
        VendorContacts checked = settings.toVendorContacts();
        return tenants.saveVendorContacts(sourceId, checked, by) ? Optional.of(checked) : Optional.empty();
    }

    /**
     * Queues the run's report to the source's vendor contacts: its issues grouped by code with the fix for each, the
     * delivery, and every affected row as a CSV attachment. It goes through the outbox, retried like every email.
     *
     * @throws VendorReportRefused when the source has no vendor contacts, or the run has no issue
     */
    public SentEmail sendVendorReport(Run run, Source source) {
        VendorContacts contacts = tenants.vendorContacts(source.id()).orElse(VendorContacts.NONE);
        if (contacts.contacts().isEmpty()) {
            throw new VendorReportRefused("the source " + source.name() + " has no vendor contacts to send the report to:"
                    + " add them first (PUT /api/sources/" + source.id() + "/vendor-contacts, or its notifications page)");
        }
        if (summaries.of(run).clean()) {
            throw new VendorReportRefused("run " + run.id() + " found no issue: there is nothing to report");
        }
        return store.queue(source.tenantId(), source.id(), run.id(), "vendor_report", vendorReports.email(run, contacts));
    }

    /** The run's report for the vendor contacts as text, to download (the CSV of its rows is the run's issues.csv). */
    public String vendorReportText(Run run) {
        return vendorReports.text(run, tenants.vendorContacts(run.sourceId()).orElse(VendorContacts.NONE));
    }

    /** How the end of each run was told, its announcements newest first; a run that told nobody has none. */
    public Map<UUID, List<SentEmail>> announcements(Collection<UUID> runIds) {
        return store.announcements(runIds);
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
        Notifications checked = settings.toRequested();
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
