package org.rostersync.tenant;

import io.micronaut.serde.annotation.Serdeable;

import java.util.UUID;

/** One SIS feed into a tenant; {@code sftpUsername} is its hosted SFTP login (the password is never held here). */
@Serdeable
public record Source(UUID id, UUID tenantId, String name, String sftpUsername) {

    /** The longest name a source may have, in the admin API and the console alike. */
    public static final int MAX_NAME = 200;
}
