package org.rostersync.pipeline;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.rostersync.intake.inbox.RunArchives;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What a run froze, for operators to download: the delivery exactly as it was read. */
@Singleton
public class RunArchive {

    private final RunArchives archives;

    RunArchive(RunArchives archives) {
        this.archives = archives;
    }

    /** One frozen file: its name, size, SHA-256, and when its upload completed. */
    @Serdeable
    public record ArchivedFile(String name, long size, String sha256, Instant receivedAt) {
    }

    public List<ArchivedFile> files(UUID runId) throws IOException {
        return archives.archived(runId).stream().map(f -> new ArchivedFile(f.name(), f.size(), f.sha256(), f.receivedAt())).toList();
    }

    /** The file by its exact name, never a path. */
    public Optional<Path> file(UUID runId, String name) throws IOException {
        return archives.archivedFile(runId, name);
    }
}
