package org.rostersync.api.admin;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import org.rostersync.pipeline.DataRequirementRules;
import jakarta.validation.Valid;
import org.rostersync.tenant.DataRequirements;
import org.rostersync.tenant.Safeguards;
import org.rostersync.tenant.TenantService;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A source's settings: what its runs require of the data, and when they are held. */
@Controller("/api/sources/{sourceId}")
@ExecuteOn(TaskExecutors.BLOCKING)
class SourceSettingsController {

    private final TenantService tenants;

    SourceSettingsController(TenantService tenants) {
        this.tenants = tenants;
    }

    /** Every attribute of every file with its rule, its default and whether it can be lowered. */
    @Serdeable
    record DataRequirementsView(List<DataRequirementRules.EntityRules> entities) {
    }

    @Get("/safeguards")
    Safeguards safeguards(UUID sourceId) throws SQLException {
        return tenants.safeguards(sourceId).orElseThrow(() -> new NotFoundException("source", sourceId));
    }

    /** Replaces the safeguards: {@code {"maxDeletedPercent":10,"maxChangedPercent":75,"neverDelete":false}}. */
    @Put("/safeguards")
    Safeguards saveSafeguards(UUID sourceId, @Body @Valid Safeguards body) throws SQLException {
        if (!tenants.saveSafeguards(sourceId, body)) {
            throw new NotFoundException("source", sourceId);
        }
        return body;
    }

    @Get("/data-requirements")
    DataRequirementsView dataRequirements(UUID sourceId) throws SQLException {
        DataRequirements requirements = tenants.dataRequirements(sourceId).orElseThrow(() -> new NotFoundException("source", sourceId));
        return new DataRequirementsView(DataRequirementRules.describe(requirements));
    }

    /**
     * Replaces the rules: {@code {"users": {"email": "skip"}}}. Attributes left out follow their defaults, so an empty
     * object restores every default. The next run applies them.
     */
    @Put("/data-requirements")
    DataRequirementsView saveDataRequirements(UUID sourceId, @Body Map<String, Map<String, String>> body) throws SQLException {
        DataRequirements requirements = DataRequirementRules.check(body);
        if (!tenants.saveDataRequirements(sourceId, requirements)) {
            throw new NotFoundException("source", sourceId);
        }
        return new DataRequirementsView(DataRequirementRules.describe(requirements));
    }
}
