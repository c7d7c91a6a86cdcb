package org.rostersync.api.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.rostersync.report.ApiRead;
import org.rostersync.report.ApiReadStore;
import org.rostersync.tenant.InvalidSettingException;
import org.rostersync.tenant.TenantService;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/** The audit trail of a tenant's OneRoster API reads, newest first. */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
class ApiReadController {

    static final int MAX_LIMIT = 10_000;

    private final TenantService tenants;
    private final ApiReadStore reads;

    ApiReadController(TenantService tenants, ApiReadStore reads) {
        this.tenants = tenants;
        this.reads = reads;
    }

    @Get("/tenants/{tenantId}/api-reads")
    List<ApiRead> list(UUID tenantId, @Nullable @QueryValue String clientId, @Nullable @QueryValue String from,
                       @Nullable @QueryValue String to, @Nullable @QueryValue String limit) {
        tenants.tenant(tenantId).orElseThrow(() -> new NotFoundException("tenant", tenantId));
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw new InvalidSettingException("to", "to: must be after from");
        }
        String client = clientId == null || clientId.isBlank() ? null : clientId.trim();
        return reads.find(tenantId, client, start, end, limit(limit));
    }

    private static Instant instant(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidSettingException(name, name + ": not an ISO-8601 instant such as 2026-12-03T09:00:00Z: " + text);
        }
    }

    private static int limit(String text) {
        if (text == null || text.isBlank()) {
            return 100;
        }
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidSettingException("limit", "limit: must be a whole number from 1 to " + MAX_LIMIT + ", not " + text);
    }
}
