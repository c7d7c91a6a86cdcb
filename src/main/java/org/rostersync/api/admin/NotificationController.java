package org.rostersync.api.admin;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.rostersync.notify.NotificationService;
import org.rostersync.notify.SentEmail;
import org.rostersync.tenant.NotificationSettings;
import org.rostersync.tenant.Source;
import org.rostersync.tenant.TenantService;
import org.rostersync.tenant.VendorContactSettings;

import java.util.List;
import java.util.UUID;

/** Who hears about a source's runs, the emails it was sent, and a test email to check that mail gets through. */
@Controller("/api/sources/{sourceId}")
@ExecuteOn(TaskExecutors.BLOCKING)
class NotificationController {

    private final NotificationService notifications;
    private final TenantService tenants;

    NotificationController(NotificationService notifications, TenantService tenants) {
        this.notifications = notifications;
        this.tenants = tenants;
    }

    @Get("/notifications")
    NotificationSettings settings(UUID sourceId) {
        return NotificationSettings.of(notifications.settings(sourceId).orElseThrow(() -> new NotFoundException("source", sourceId)));
    }

    /** Replaces the settings; fields left out take their defaults. */
    @Put("/notifications")
    NotificationSettings save(UUID sourceId, @Body NotificationSettings body, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        return NotificationSettings.of(notifications.save(sourceId, body, caller.actor()).orElseThrow(() -> new NotFoundException("source", sourceId)));
    }

    /** 200 when the SMTP server took the test email, 502 with its answer when it did not. */
    @Post("/notifications/test")
    HttpResponse<NotificationService.TestResult> test(UUID sourceId) {
        Source source = tenants.source(sourceId).orElseThrow(() -> new NotFoundException("source", sourceId));
        NotificationService.TestResult result = notifications.sendTest(source);
        return result.sent() ? HttpResponse.ok(result) : HttpResponse.<NotificationService.TestResult>status(
                io.micronaut.http.HttpStatus.BAD_GATEWAY).body(result);
    }

    /** Who fixes the source's data at the SIS, apart from the recipients of the run emails. */
    @Get("/vendor-contacts")
    VendorContactSettings vendorContacts(UUID sourceId) {
        return VendorContactSettings.of(notifications.vendorContacts(sourceId)
                .orElseThrow(() -> new NotFoundException("source", sourceId)));
    }

    /** Replaces the vendor contacts; 400 naming the field ({@code contacts[1].email}), nothing changed. */
    @Put("/vendor-contacts")
    VendorContactSettings saveVendorContacts(UUID sourceId, @Body VendorContactSettings body,
                                             @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        return VendorContactSettings.of(notifications.saveVendorContacts(sourceId, body, caller.actor())
                .orElseThrow(() -> new NotFoundException("source", sourceId)));
    }

    @Get("/emails")
    List<SentEmail> emails(UUID sourceId, @QueryValue(defaultValue = "50") @Min(1) @Max(1000) int limit) {
        tenants.source(sourceId).orElseThrow(() -> new NotFoundException("source", sourceId));
        return notifications.emails(sourceId, limit);
    }
}
