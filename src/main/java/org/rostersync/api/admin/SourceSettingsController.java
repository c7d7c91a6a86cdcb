package org.rostersync.api.admin;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import org.rostersync.pipeline.DataRequirementRules;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.rostersync.pipeline.AttributeMappingRules;
import org.rostersync.pipeline.CurrentRules;
import org.rostersync.pipeline.SourceRules;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import org.rostersync.pipeline.SchoolList;
import org.rostersync.tenant.AttributeMapping;
import org.rostersync.tenant.SchoolMapping;
import org.rostersync.tenant.DataRequirements;
import org.rostersync.tenant.Safeguards;
import org.rostersync.tenant.TenantService;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A source's settings: which schools are in scope, what its runs require of the data, and when they are held. */
@Controller("/api/sources/{sourceId}")
@ExecuteOn(TaskExecutors.BLOCKING)
class SourceSettingsController {

    private final TenantService tenants;
    private final CurrentRules currentRules;

    SourceSettingsController(TenantService tenants, CurrentRules currentRules) {
        this.tenants = tenants;
        this.currentRules = currentRules;
    }

    /**
     * The source's rules for {@code rostersync validate --rules FILE}: what a run of it would apply now, as one document
     * (the console's button serves the same bytes).
     */
    @Get(value = "/rules", produces = MediaType.APPLICATION_JSON)
    HttpResponse<byte[]> rules(UUID sourceId) {
        SourceRules rules = currentRules.export(sourceId).orElseThrow(() -> new NotFoundException("source", sourceId));
        return HttpResponse.ok(rules.toJson()).contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("Content-Disposition", "inline; filename=\"" + rules.fileName() + "\"");
    }

    /** Every attribute of every file with its rule, its default and whether it can be lowered. */
    @Serdeable
    record DataRequirementsView(List<DataRequirementRules.EntityRules> entities) {
    }

    /** One school of the mapping, with whether bulk deliveries stopped listing it. */
    @Serdeable
    record SchoolView(String sourcedId, @Nullable String name, @Nullable String displayName, boolean included,
                      @Nullable Instant firstSeenAt, @Nullable Instant lastSeenAt, boolean stoppedArriving) {
    }

    @Serdeable
    record SchoolMappingView(SchoolMapping.Mode mode, @Nullable Instant lastListedAt, List<SchoolView> schools) {
    }

    /** What an operator sets: the mode, and per school whether it is included and what to call it. */
    @Serdeable
    record SchoolMappingRequest(@NotNull SchoolMapping.Mode mode, @NotNull @Size(max = 100_000) List<@Valid @NotNull SchoolEntry> schools) {
    }

    @Serdeable
    record SchoolEntry(@NotBlank @Size(max = 255) String sourcedId, boolean included, @Nullable @Size(max = 200) String displayName) {
    }

    @Get("/school-mapping")
    SchoolMappingView schoolMapping(UUID sourceId) {
        return view(mapping(sourceId));
    }

    /**
     * Replaces the mode and the schools; what runs learnt of each school (its delivered name, when it was seen) is kept.
     * A school left out is forgotten: in auto mode the next delivery adds it again.
     */
    @Put("/school-mapping")
    SchoolMappingView saveSchoolMapping(UUID sourceId, @Body @Valid SchoolMappingRequest body, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        SchoolMapping mapping = mapping(sourceId).withEntries(body.mode(), body.schools().stream()
                .map(e -> new SchoolMapping.Entry(e.sourcedId(), e.included(), e.displayName())).toList());
        tenants.saveSchoolMapping(sourceId, mapping, caller.actor());
        return view(mapping);
    }

    /** Maps the schools an orgs.csv lists (sent as the body, text/csv): new ones are added and included. */
    @Post(value = "/school-mapping/orgs", consumes = {"text/csv", "text/plain", "application/octet-stream"})
    SchoolMappingView mapSchoolsFromOrgs(UUID sourceId, @Body byte[] orgsCsv, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        SchoolMapping current = mapping(sourceId);
        java.util.Map<String, String> listed = new java.util.LinkedHashMap<>();
        SchoolList.fromOrgsCsv(orgsCsv).forEach(school -> listed.put(school.sourcedId(), school.name()));
        SchoolMapping mapping = current.withListed(listed);
        tenants.saveSchoolMapping(sourceId, mapping, caller.actor());
        return view(mapping);
    }

    private SchoolMapping mapping(UUID sourceId) {
        return tenants.schoolMapping(sourceId).orElseThrow(() -> new NotFoundException("source", sourceId));
    }

    private static SchoolMappingView view(SchoolMapping mapping) {
        return new SchoolMappingView(mapping.mode(), mapping.lastListedAt(), mapping.schools().stream().map(s -> new SchoolView(
                s.sourcedId(), s.name(), s.displayName(), s.included(), s.firstSeenAt(), s.lastSeenAt(), mapping.stoppedArriving(s)))
                .toList());
    }

    @Serdeable
    record AttributeMappingView(List<AttributeMappingRules.EntityColumns> entities) {
    }

    /** Every attribute with the column it is read from (its own, unless mapped). */
    @Get("/attribute-mapping")
    AttributeMappingView attributeMapping(UUID sourceId) {
        return new AttributeMappingView(AttributeMappingRules.describe(
                tenants.attributeMapping(sourceId).orElseThrow(() -> new NotFoundException("source", sourceId))));
    }

    /**
     * Replaces the mapping: {@code {"users": {"identifier": "metadata.studentNumber"}}}. Attributes left out are read from
     * their own columns, so an empty object restores the OneRoster mapping. The next run applies it.
     */
    @Put("/attribute-mapping")
    AttributeMappingView saveAttributeMapping(UUID sourceId, @Body Map<String, Map<String, String>> body, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        AttributeMapping mapping = AttributeMappingRules.check(body);
        if (!tenants.saveAttributeMapping(sourceId, mapping, caller.actor())) {
            throw new NotFoundException("source", sourceId);
        }
        return new AttributeMappingView(AttributeMappingRules.describe(mapping));
    }

    @Get("/safeguards")
    Safeguards safeguards(UUID sourceId) {
        return tenants.safeguards(sourceId).orElseThrow(() -> new NotFoundException("source", sourceId));
    }

    /** Replaces the safeguards: {@code {"maxDeletedPercent":10,"maxChangedPercent":75,"neverDelete":false}}. */
    @Put("/safeguards")
    Safeguards saveSafeguards(UUID sourceId, @Body @Valid Safeguards body, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        if (!tenants.saveSafeguards(sourceId, body, caller.actor())) {
            throw new NotFoundException("source", sourceId);
        }
        return body;
    }

    @Get("/data-requirements")
    DataRequirementsView dataRequirements(UUID sourceId) {
        DataRequirements requirements = tenants.dataRequirements(sourceId).orElseThrow(() -> new NotFoundException("source", sourceId));
        return new DataRequirementsView(DataRequirementRules.describe(requirements));
    }

    /**
     * Replaces the rules: {@code {"users": {"email": "skip"}}}. Attributes left out follow their defaults, so an empty
     * object restores every default. The next run applies them.
     */
    @Put("/data-requirements")
    DataRequirementsView saveDataRequirements(UUID sourceId, @Body Map<String, Map<String, String>> body, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        DataRequirements requirements = DataRequirementRules.check(body);
        if (!tenants.saveDataRequirements(sourceId, requirements, caller.actor())) {
            throw new NotFoundException("source", sourceId);
        }
        return new DataRequirementsView(DataRequirementRules.describe(requirements));
    }
}
