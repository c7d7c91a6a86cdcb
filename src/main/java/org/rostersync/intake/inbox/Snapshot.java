package org.rostersync.intake.inbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A frozen copy of a delivery in a run's archive: later uploads cannot change what the run reads.
 *
 * @param folder where the files to read are (the unpacked entries, for a zip delivery)
 * @param files  the files to read
 * @param notes  what was found about the delivery itself (zip entries refused, loose files ignored)
 */
public record Snapshot(Path folder, List<DeliveryFile> files, List<DeliveryNote> notes) {

    public Optional<Path> file(String name) {
        return files.stream().filter(f -> f.name().equals(name)).findFirst().map(f -> folder.resolve(f.name()));
    }
}
