package org.rostersync.roster;

import java.util.Set;
import java.util.UUID;

/**
 * What a reader may see: always one tenant; when {@code sourceIds} is non-empty only rows of those sources; when
 * {@code schoolSourcedIds} is non-empty only records of those schools (academic sessions are not bound to a school).
 */
public record Scope(UUID tenantId, Set<UUID> sourceIds, Set<String> schoolSourcedIds) {

    public Scope {
        sourceIds = Set.copyOf(sourceIds);
        schoolSourcedIds = Set.copyOf(schoolSourcedIds);
    }

    public static Scope wholeTenant(UUID tenantId) {
        return new Scope(tenantId, Set.of(), Set.of());
    }
}
