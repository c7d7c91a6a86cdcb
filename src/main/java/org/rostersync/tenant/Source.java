package org.rostersync.tenant;

import io.micronaut.serde.annotation.Serdeable;

import java.util.UUID;

/** One SIS feed into a tenant; {@code sftpUsername} is its hosted SFTP login (the password is never held here). */
@Serdeable
public record Source(UUID id, UUID tenantId, String name, String sftpUsername) {
}
