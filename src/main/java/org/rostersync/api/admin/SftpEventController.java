package org.rostersync.api.admin;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.rostersync.report.SftpEvent;
import org.rostersync.report.SftpEventStore;
import org.rostersync.tenant.TenantService;

import java.util.List;
import java.util.UUID;

/** The SFTP audit trail of a source: its logins and uploads, newest first. */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
class SftpEventController {

    private final TenantService tenants;
    private final SftpEventStore events;

    SftpEventController(TenantService tenants, SftpEventStore events) {
        this.tenants = tenants;
        this.events = events;
    }

    @Get("/sources/{sourceId}/sftp-events")
    List<SftpEvent> list(UUID sourceId, @QueryValue(defaultValue = "100") @Min(1) @Max(10000) int limit) {
        tenants.source(sourceId).orElseThrow(() -> new NotFoundException("source", sourceId));
        return events.forSource(sourceId, limit);
    }
}
