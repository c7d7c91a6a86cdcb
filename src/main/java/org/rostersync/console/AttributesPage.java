package org.rostersync.console;

import org.rostersync.pipeline.AttributeMappingRules;

import java.util.List;

/** The attribute mapping form: per file, every attribute with the column it is read from, and a refused form's state. */
public record AttributesPage(Frame frame, SourceHeader header, List<AttributeMappingRules.EntityColumns> entities, FormState form) {

    public AttributesPage {
        entities = List.copyOf(entities);
    }

    /** An attribute's form field (and id): {@code users.identifier}, the field the mapping's check names. */
    public static String field(AttributeMappingRules.EntityColumns entity, AttributeMappingRules.AttributeSource attribute) {
        return entity.entity() + "." + attribute.attribute();
    }

    public long mapped() {
        return entities.stream().flatMap(e -> e.attributes().stream()).filter(AttributeMappingRules.AttributeSource::mapped).count();
    }
}
