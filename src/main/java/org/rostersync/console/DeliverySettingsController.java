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
import org.rostersync.config.MailConfig;
import org.rostersync.config.RemoteConfig;
import org.rostersync.intake.remote.ConnectionReport;
import org.rostersync.intake.remote.RemoteDeliveries;
import org.rostersync.intake.remote.RemoteDeliveryView;
import org.rostersync.intake.sftp.SftpServer;
import org.rostersync.tenant.InvalidSettingException;
import org.rostersync.tenant.Source;

import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * How a source's deliveries arrive: the hosted SFTP server, or pulled from the district's server. The remote settings
 * go through {@link RemoteDeliveries}, as {@code PUT /api/sources/{id}/remote-delivery} does, and testing the connection
 * as {@code POST /api/sources/{id}/test-connection} does.
 */
@Controller("/console/sources/{sourceId}/delivery")
@ExecuteOn(TaskExecutors.BLOCKING)
class DeliverySettingsController {

    private final RemoteDeliveries deliveries;
    private final SourceAccess access;
    private final Pages pages;
    private final SftpServer server;
    private final MailConfig mail;
    private final RemoteConfig remote;

    DeliverySettingsController(RemoteDeliveries deliveries, SourceAccess access, Pages pages,
                               SftpServer server, MailConfig mail, RemoteConfig remote) {
        this.deliveries = deliveries;
        this.access = access;
        this.pages = pages;
        this.server = server;
        this.mail = mail;
        this.remote = remote;
    }

    @Get
    HttpResponse<?> show(HttpRequest<?> request, String sourceId, @Nullable @QueryValue String saved) {
        return access.page(request, sourceId, (session, source) -> page(session, source, HttpStatus.OK,
                saved == null ? null : "Saved: the next run fetches with these settings.", FormState.STORED, null, null));
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> save(HttpRequest<?> request, String sourceId, @Body Map<String, String> form) {
        return access.form(request, sourceId, form, (session, source) -> {
            try {
                Forms.check(form);
                RemoteDeliveryView stored = deliveries.view(source.id()).orElseThrow(() -> gone(source));
                deliveries.change(source.id(), RemoteDeliveryForm.change(form, stored), session.actor());
            } catch (InvalidSettingException e) {
                return page(session, source, HttpStatus.BAD_REQUEST, null, FormState.refused(form, e), null, null);
            }
            return Pages.seeOther("/console/sources/" + source.id() + "/delivery?saved");
        });
    }

    /**
     * Tests the saved settings, as a run's fetch would connect; a failing step is part of the report (200). On first
     * contact the test pins the host key the server showed, which the page then shows.
     */
    @Post(uri = "/test", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> test(HttpRequest<?> request, String sourceId, @Body Map<String, String> form) {
        return access.form(request, sourceId, form, (session, source) -> {
            Optional<ConnectionReport> report;
            try {
                report = deliveries.test(source.id());
            } catch (InvalidSettingException e) {
                return page(session, source, HttpStatus.BAD_REQUEST, null, FormState.STORED, null, e.getMessage());
            }
            return page(session, source, HttpStatus.OK, null, FormState.STORED, report.orElseThrow(() -> gone(source)), null);
        });
    }

    private HttpResponse<String> page(Session session, Source source, HttpStatus status, String notice, FormState form,
                                      ConnectionReport report, String testRefused) {
        RemoteDeliveryView view = deliveries.view(source.id()).orElseThrow(() -> gone(source));
        ZoneId zone = access.zone(source);
        return pages.render(status, "console/settings/delivery.jte", new DeliveryPage(Frame.of("Delivery · " + source.name(), session),
                access.header(source, "delivery", notice), view, SftpEndpoint.of(server, mail),
                source.sftpUsername(), remote.connectTimeoutSeconds(), remote.retries(), zone, form, report, testRefused));
    }

    /** The source was removed between the access check and now. */
    private static IllegalStateException gone(Source source) {
        return new IllegalStateException("source " + source.id() + " is gone");
    }
}
