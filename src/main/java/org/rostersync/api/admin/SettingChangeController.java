package org.rostersync.api.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.rostersync.tenant.SettingChange;
import org.rostersync.tenant.SettingsAudit;
import org.rostersync.tenant.TenantService;

import java.util.List;
import java.util.UUID;

/** The settings audit log of a tenant (its own settings and all its sources') and of one source, newest first. */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
class SettingChangeController {

    private final TenantService tenants;
    private final SettingsAudit audit;

    SettingChangeController(TenantService tenants, SettingsAudit audit) {
        this.tenants = tenants;
        this.audit = audit;
    }

    @Get("/tenants/{tenantId}/setting-changes")
    List<SettingChange> tenant(UUID tenantId, @QueryValue(defaultValue = "100") @Min(1) @Max(1000) int limit,
                               @Nullable @QueryValue @Min(1) Long before) {
        tenants.tenant(tenantId).orElseThrow(() -> new NotFoundException("tenant", tenantId));
        return audit.forTenant(tenantId, limit, before);
    }

    @Get("/sources/{sourceId}/setting-changes")
    List<SettingChange> source(UUID sourceId, @QueryValue(defaultValue = "100") @Min(1) @Max(1000) int limit,
                               @Nullable @QueryValue @Min(1) Long before) {
        tenants.source(sourceId).orElseThrow(() -> new NotFoundException("source", sourceId));
        return audit.forSource(sourceId, limit, before);
    }
}
