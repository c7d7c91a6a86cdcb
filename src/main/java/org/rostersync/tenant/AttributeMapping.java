package org.rostersync.tenant;

import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;
import java.util.TreeMap;

/**
 * Roster attributes a source fills from other columns of its files, per entity: {@code {"users": {"identifier":
 * "metadata.studentNumber"}}}. An attribute not listed is read from its own column (the OneRoster mapping).
 */
@Serdeable
public record AttributeMapping(Map<String, Map<String, String>> columns) {

    public static final AttributeMapping DEFAULT = new AttributeMapping(Map.of());

    public AttributeMapping {
        Map<String, Map<String, String>> copy = new TreeMap<>();
        columns.forEach((entity, attributes) -> {
            if (!attributes.isEmpty()) {
                copy.put(entity, Map.copyOf(new TreeMap<>(attributes)));
            }
        });
        columns = Map.copyOf(copy);
    }

    /** The attributes of an entity read from another column: attribute → column. */
    public Map<String, String> of(String entity) {
        return columns.getOrDefault(entity, Map.of());
    }
}
