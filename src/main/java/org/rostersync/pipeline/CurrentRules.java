package org.rostersync.pipeline;

import jakarta.inject.Singleton;
import org.rostersync.tenant.AttributeMapping;
import org.rostersync.tenant.DataRequirements;
import org.rostersync.tenant.Safeguards;
import org.rostersync.tenant.SchoolMapping;
import org.rostersync.tenant.TenantService;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * The settings a run of a source applies if it starts now, read in one place for the run itself and for the rules an
 * operator exports to {@code rostersync validate --rules}: the two cannot read different settings.
 */
@Singleton
public class CurrentRules {

    private final TenantService tenants;

    CurrentRules(TenantService tenants) {
        this.tenants = tenants;
    }

    /** What a run of the source would apply now: its settings, each at its default where the source has none stored. */
    RunSettings settings(UUID sourceId) {
        return new RunSettings(tenants.dataRequirements(sourceId).orElse(DataRequirements.DEFAULTS),
                tenants.safeguards(sourceId).orElse(Safeguards.DEFAULTS),
                tenants.schoolMapping(sourceId).orElse(SchoolMapping.DEFAULT),
                tenants.attributeMapping(sourceId).orElse(AttributeMapping.DEFAULT));
    }

    /** The source's rules as a document, or empty when there is no such source. */
    public Optional<SourceRules> export(UUID sourceId) {
        return tenants.source(sourceId).map(source -> new SourceRules(source.id(), source.name(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS), settings(source.id())));
    }
}
