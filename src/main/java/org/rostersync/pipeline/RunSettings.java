package org.rostersync.pipeline;

import io.micronaut.serde.annotation.Serdeable;
import org.rostersync.tenant.AttributeMapping;
import org.rostersync.tenant.DataRequirements;
import org.rostersync.tenant.Safeguards;
import org.rostersync.tenant.SchoolMapping;

/**
 * The source's settings as a run found them. Kept with the run, so that approving a held run applies exactly what was
 * computed, whatever the settings became since.
 */
@Serdeable
public record RunSettings(DataRequirements dataRequirements, Safeguards safeguards, SchoolMapping schoolMapping,
                          AttributeMapping attributeMapping) {

    /** What {@code rostersync validate} applies: no source, so the defaults. */
    public static final RunSettings DEFAULTS = new RunSettings(DataRequirements.DEFAULTS, Safeguards.DEFAULTS, SchoolMapping.DEFAULT,
            AttributeMapping.DEFAULT);
}
