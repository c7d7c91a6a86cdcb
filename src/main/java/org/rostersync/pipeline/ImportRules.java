package org.rostersync.pipeline;

import org.rostersync.oneroster.RosterFile;
import org.rostersync.tenant.AttributeMapping;
import org.rostersync.tenant.Requirement;

import java.util.Map;

/**
 * How a run reads its files, fixed for the run from the source's settings: each attribute's data requirement, whether
 * the source never deletes, and the columns attributes are read from.
 *
 * @param requirements per file, per column (as {@link RosterFile#columns()}): the effective data requirement
 * @param neverDelete  rows that say tobedeleted are not applied
 */
record ImportRules(Map<RosterFile, Requirement[]> requirements, boolean neverDelete, AttributeMapping attributeMapping) {

    static ImportRules of(RunSettings settings) {
        return new ImportRules(DataRequirementRules.effective(settings.dataRequirements()), settings.safeguards().neverDelete(),
                settings.attributeMapping());
    }

    Requirement[] of(RosterFile file) {
        return requirements.get(file);
    }

    /** Attribute → the column it is read from, for the file's entity. */
    Map<String, String> mapped(RosterFile file) {
        return attributeMapping.of(file.entity());
    }
}
