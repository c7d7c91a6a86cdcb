package org.rostersync.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.rostersync.notify.NotificationService;
import org.rostersync.tenant.InvalidSettingException;
import org.rostersync.tenant.NotificationSettings;
import org.rostersync.tenant.Notifications;
import org.rostersync.tenant.Source;
import org.rostersync.tenant.VendorContactSettings;
import org.rostersync.tenant.VendorContacts;

import java.time.ZoneId;
import java.util.Map;

/**
 * Who hears about a source's runs: the same {@link NotificationSettings} the admin API takes, a test email to see that
 * mail gets through, and the emails sent lately with their delivery status.
 */
@Controller("/console/sources/{sourceId}/notifications")
@ExecuteOn(TaskExecutors.BLOCKING)
class NotificationSettingsController {

    static final int RECENT_EMAILS = 20;

    private final NotificationService notifications;
    private final SourceAccess access;
    private final Pages pages;

    NotificationSettingsController(NotificationService notifications, SourceAccess access, Pages pages) {
        this.notifications = notifications;
        this.access = access;
        this.pages = pages;
    }

    @Get
    HttpResponse<?> show(HttpRequest<?> request, String sourceId, @Nullable @QueryValue String saved) {
        return access.page(request, sourceId, (session, source) -> page(session, source, FormState.STORED, HttpStatus.OK,
                saved == null ? null : "contacts".equals(saved) ? "Saved: the vendor contacts get the reports of the runs' issues."
                        : "Saved: the next runs are announced to these recipients.", null));
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> save(HttpRequest<?> request, String sourceId, @Body Map<String, String> form) {
        return access.form(request, sourceId, form, (session, source) -> {
            NotificationSettings settings = new NotificationSettings(Forms.ticked(form, "enabled"),
                    form.getOrDefault("recipients", ""), Forms.text(form, "send"), Forms.ticked(form, "heldDigest"),
                    Forms.text(form, "digestTime"));
            try {
                Forms.check(form);
                notifications.save(source.id(), settings, session.actor());
            } catch (InvalidSettingException e) {
                return page(session, source, FormState.refused(form, e), HttpStatus.BAD_REQUEST, null, null);
            }
            return Pages.seeOther("/console/sources/" + source.id() + "/notifications?saved");
        });
    }

    /** Saves who fixes the source's data at the SIS: typed one per line, as Name <address> or a bare address. */
    @Post(value = "/vendor-contacts", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> saveContacts(HttpRequest<?> request, String sourceId, @Body Map<String, String> form) {
        return access.form(request, sourceId, form, (session, source) -> {
            try {
                Forms.check(form);
                notifications.saveVendorContacts(source.id(), new VendorContactSettings(
                        VendorContactSettings.lines(form.getOrDefault("contacts", "")), Forms.ticked(form, "sendAutomatically")),
                        session.actor());
            } catch (InvalidSettingException e) {
                return page(session, source, FormState.STORED, FormState.refused(form, e), HttpStatus.BAD_REQUEST, null, null);
            }
            return Pages.seeOther("/console/sources/" + source.id() + "/notifications?saved=contacts#vendor-contacts");
        });
    }

    /** Sends a test email to the stored recipients now and shows what the SMTP server said. */
    @Post(value = "/test", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> test(HttpRequest<?> request, String sourceId, @Body Map<String, String> form) {
        return access.form(request, sourceId, form, (session, source) -> {
            NotificationService.TestResult result;
            try {
                result = notifications.sendTest(source);
            } catch (InvalidSettingException e) {
                return page(session, source, FormState.STORED, HttpStatus.OK, null, new NotificationsPage.TestOutcome(false,
                        "No test email was sent: " + e.getMessage() + "."));
            }
            String to = String.join(", ", result.recipients());
            return page(session, source, FormState.STORED, HttpStatus.OK, null, result.sent()
                    ? new NotificationsPage.TestOutcome(true, "A test email was sent to " + to + ": " + result.detail() + ".")
                    : new NotificationsPage.TestOutcome(false, "The test email to " + to + " failed: " + result.detail()));
        });
    }

    private HttpResponse<String> page(Session session, Source source, FormState form, HttpStatus status, String notice,
                                      NotificationsPage.TestOutcome test) {
        return page(session, source, form, FormState.STORED, status, notice, test);
    }

    private HttpResponse<String> page(Session session, Source source, FormState form, FormState contactsForm, HttpStatus status,
                                      String notice, NotificationsPage.TestOutcome test) {
        Notifications stored = notifications.settings(source.id()).orElse(Notifications.NONE);
        ZoneId zone = access.zone(source);
        return pages.render(status, "console/settings/notifications.jte", new NotificationsPage(Frame.of("Notifications · "
                + source.name(), session), access.header(source, "notifications", notice),
                NotificationSettings.of(stored), notifications.emails(source.id(), RECENT_EMAILS), zone, form, test,
                notifications.vendorContacts(source.id()).orElse(VendorContacts.NONE), contactsForm));
    }
}
