package org.rostersync.tenant;

import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;
import java.util.TreeMap;

/**
 * A source's data requirements as set by an operator: per entity ({@code users}) and attribute ({@code email}), the
 * rules that differ from the defaults. An attribute not listed follows its default.
 */
@Serdeable
public record DataRequirements(Map<String, Map<String, Requirement>> rules) {

    public static final DataRequirements DEFAULTS = new DataRequirements(Map.of());

    public DataRequirements {
        Map<String, Map<String, Requirement>> copy = new TreeMap<>();
        rules.forEach((entity, attributes) -> {
            if (!attributes.isEmpty()) {
                copy.put(entity, Map.copyOf(new TreeMap<>(attributes)));
            }
        });
        rules = Map.copyOf(copy);
    }

    /** The operator's rule for the attribute, or null when it follows the default. */
    public Requirement rule(String entity, String attribute) {
        return rules.getOrDefault(entity, Map.of()).get(attribute);
    }
}
