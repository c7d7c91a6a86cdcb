package org.rostersync.tenant;

import io.micronaut.serde.annotation.Serdeable;

import java.util.UUID;

@Serdeable
public record Tenant(UUID id, String name) {

    /** The longest name a tenant may have, in the admin API and the console alike. */
    public static final int MAX_NAME = 200;
}
