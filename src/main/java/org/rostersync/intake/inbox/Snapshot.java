package org.rostersync.intake.inbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A frozen copy of a delivery in a run's archive: later uploads cannot change what the run reads. */
public record Snapshot(Path folder, List<DeliveryFile> files) {

    public Optional<Path> file(String name) {
        return files.stream().filter(f -> f.name().equals(name)).findFirst().map(f -> folder.resolve(f.name()));
    }
}
