package org.rostersync.intake.remote;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A file in the remote folder that the patterns match, as the server lists it. */
@Serdeable
public record RemoteFile(String name, long size, Instant modifiedAt) {
}
