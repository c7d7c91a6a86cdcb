package org.rostersync.report;

import jakarta.inject.Singleton;
import org.rostersync.database.Db;

import java.util.Optional;
import java.util.UUID;

/** SQL of the settings (JSON) each run computes with, kept so that approving a held run computes it the same way. */
@Singleton
public class SettingsSnapshots {

    private final Db db;

    SettingsSnapshots(Db db) {
        this.db = db;
    }

    /** The run's settings; empty when the run kept none (or does not exist). */
    public Optional<String> settings(UUID runId) {
        return db.optional("SELECT settings FROM run WHERE id = ?", row -> Optional.ofNullable(row.text(1)), runId)
                .flatMap(settings -> settings);
    }

    /** Keeps the settings a run computes with. */
    public void saveSettings(UUID runId, String settings) {
        db.update("UPDATE run SET settings = ? WHERE id = ?", settings, runId);
    }
}
