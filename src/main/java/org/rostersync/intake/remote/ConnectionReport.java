package org.rostersync.intake.remote;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * What testing a source's remote delivery found: each step's status ({@code ok}, {@code failed}, {@code warning},
 * {@code not reached}) with a message, the host key the server showed, whether it was pinned by this test (first
 * contact), and the files a fetch would take.
 */
@Serdeable
public record ConnectionReport(boolean ok, String server, List<StepResult> steps, @Nullable String hostKeyFingerprint,
                               boolean hostKeyPinnedNow, List<RemoteFile> files) {

    @Serdeable
    public record StepResult(String name, String status, String message) {
    }
}
