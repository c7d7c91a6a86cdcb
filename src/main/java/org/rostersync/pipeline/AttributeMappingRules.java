package org.rostersync.pipeline;

import io.micronaut.serde.annotation.Serdeable;
import org.rostersync.oneroster.RosterFile;
import org.rostersync.tenant.AttributeMapping;
import org.rostersync.tenant.InvalidSettingException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What an attribute mapping may say, and how it reads for the API: every attribute with the column it comes from. */
public final class AttributeMappingRules {

    private AttributeMappingRules() {
    }

    @Serdeable
    public record AttributeSource(String attribute, String column, boolean mapped) {
    }

    @Serdeable
    public record EntityColumns(String entity, List<AttributeSource> attributes) {
    }

    /** Every data attribute of every file, with the column it is read from. */
    public static List<EntityColumns> describe(AttributeMapping mapping) {
        List<EntityColumns> out = new ArrayList<>();
        for (RosterFile file : RosterFile.values()) {
            Map<String, String> mapped = mapping.of(file.entity());
            out.add(new EntityColumns(file.entity(), file.columns().stream()
                    .map(c -> new AttributeSource(c.name(), mapped.getOrDefault(c.name(), c.name()), mapped.containsKey(c.name())))
                    .toList()));
        }
        return List.copyOf(out);
    }

    /**
     * Checks a mapping an operator asks for, {@code {"users": {"identifier": "metadata.studentNumber"}}}, and keeps the
     * entries that read an attribute from another column.
     *
     * @throws InvalidSettingException naming the entity or attribute that is wrong
     */
    public static AttributeMapping check(Map<String, Map<String, String>> requested) {
        Map<String, Map<String, String>> kept = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> entity : requested.entrySet()) {
            RosterFile file = RosterFile.byEntity(entity.getKey())
                    .orElseThrow(() -> new InvalidSettingException(entity.getKey(), "'" + entity.getKey()
                            + "' is not a OneRoster rostering entity"));
            if (entity.getValue() == null) {
                throw new InvalidSettingException(file.entity(), file.entity() + " must map attributes to column names");
            }
            for (Map.Entry<String, String> attribute : entity.getValue().entrySet()) {
                String field = file.entity() + "." + attribute.getKey();
                if (file.column(attribute.getKey()).isEmpty()) {
                    throw new InvalidSettingException(field, file.fileName() + " has no data attribute '" + attribute.getKey()
                            + "' (sourcedId, status and dateLastModified are always read from their own columns)");
                }
                String column = attribute.getValue() == null ? "" : attribute.getValue().trim();
                if (column.isEmpty() || column.length() > 255) {
                    throw new InvalidSettingException(field, field + " must name a column of " + file.fileName() + " (1 to 255 characters)");
                }
                if (!column.equals(attribute.getKey())) {
                    kept.computeIfAbsent(file.entity(), e -> new LinkedHashMap<>()).put(attribute.getKey(), column);
                }
            }
        }
        return new AttributeMapping(kept);
    }
}
