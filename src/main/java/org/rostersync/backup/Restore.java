package org.rostersync.backup;

import org.rostersync.database.ClusterBackup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code rostersync restore DIR}: a backup made by {@link Backup} becomes the data directory, which must be new or
 * empty (a restore never mixes with what a directory holds, and never runs under a service). The restored PostgreSQL
 * is started once here to replay the backup's WAL and stopped cleanly; the next start of rostersync migrates its schema
 * if the backup was made by an older release.
 */
public final class Restore {

    private Restore() {
    }

    /** @return the restored backup's manifest, its schema version as the restored database says it */
    public static BackupManifest run(Path folder, Path dataDir) {
        folder = folder.toAbsolutePath().normalize();
        dataDir = dataDir.toAbsolutePath().normalize();
        BackupManifest manifest;
        try {
            manifest = BackupManifest.read(folder);
        } catch (NoSuchFileException missing) {
            throw new BackupRefusal(folder + " is not a finished rostersync backup (it has no "
                    + BackupManifest.FILE_NAME + ", written last by 'rostersync backup'): name a finished backup's folder");
        } catch (IOException | RuntimeException unreadable) {
            throw new BackupRefusal("cannot read " + folder.resolve(BackupManifest.FILE_NAME) + ": " + unreadable.getMessage());
        }
        if (ClusterBackup.isRunning(dataDir)) {
            throw new BackupRefusal("a rostersync is running on the data directory " + dataDir
                    + " (its embedded PostgreSQL is up): stop it, move the directory aside, then restore");
        }
        try {
            if (Files.exists(dataDir) && (!Files.isDirectory(dataDir) || Backup.hasEntries(dataDir))) {
                throw new BackupRefusal("the data directory " + dataDir + " is not empty: a restore writes a data directory"
                        + " of its own; move this one aside (or set ROSTERSYNC_DATA_DIR to a new folder) and restore again");
            }
            FileTree.copy(folder, dataDir, relative -> relative.toString().equals(BackupManifest.FILE_NAME));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore " + folder + " into " + dataDir, e);
        }
        String schemaVersion = ClusterBackup.recover(dataDir);
        return new BackupManifest(manifest.finishedAt(), manifest.dataDir(), schemaVersion, manifest.walEnd(),
                manifest.files());
    }
}
