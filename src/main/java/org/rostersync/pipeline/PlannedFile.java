package org.rostersync.pipeline;

import org.rostersync.oneroster.RosterFile;

import java.nio.file.Path;

/** A rostering file this run imports, and how: bulk (the complete set) or delta (changes only). */
record PlannedFile(RosterFile file, boolean bulk, Path path) {

    String mode() {
        return bulk ? "bulk" : "delta";
    }
}
