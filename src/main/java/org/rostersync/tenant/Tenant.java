package org.rostersync.tenant;

import io.micronaut.serde.annotation.Serdeable;

import java.util.UUID;

@Serdeable
public record Tenant(UUID id, String name) {
}
