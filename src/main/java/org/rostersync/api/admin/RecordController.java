package org.rostersync.api.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.rostersync.roster.RecordLookup;
import org.rostersync.tenant.InvalidSettingException;
import org.rostersync.tenant.TenantService;

import java.util.List;
import java.util.UUID;

/** A tenant's records for an operator: found by sourcedId, name, email or identifier, and one with its history of runs. */
@Controller("/api/tenants/{tenantId}/records")
@ExecuteOn(TaskExecutors.BLOCKING)
class RecordController {

    private final TenantService tenants;
    private final RecordLookup records;

    RecordController(TenantService tenants, RecordLookup records) {
        this.tenants = tenants;
        this.records = records;
    }

    @Get
    List<RecordLookup.Found> search(UUID tenantId, @Nullable @QueryValue String q,
                                    @QueryValue(defaultValue = "50") @Min(1) @Max(RecordLookup.LIMIT) int limit) {
        tenant(tenantId);
        if (q == null || q.isBlank()) {
            throw new InvalidSettingException("q", "q must be a sourcedId, a name or title, an email, an identifier or a code");
        }
        return records.search(tenantId, q.strip(), limit);
    }

    @Get("/{entity}")
    RecordLookup.View record(UUID tenantId, String entity, @Nullable @QueryValue String sourcedId) {
        tenant(tenantId);
        if (!RecordLookup.entities().contains(entity)) {
            throw new InvalidSettingException("entity", "entity must be one of " + String.join(", ", RecordLookup.entities())
                    + ", not '" + entity + "'");
        }
        if (sourcedId == null || sourcedId.isEmpty()) {
            throw new InvalidSettingException("sourcedId", "sourcedId is required");
        }
        return records.record(tenantId, entity, sourcedId).orElseThrow(() -> new NotFoundException(entity, sourcedId));
    }

    private void tenant(UUID tenantId) {
        tenants.tenant(tenantId).orElseThrow(() -> new NotFoundException("tenant", tenantId));
    }
}
