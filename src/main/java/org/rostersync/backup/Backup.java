package org.rostersync.backup;

import org.rostersync.config.PrivateFiles;
import org.rostersync.database.ClusterBackup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code rostersync backup DIR}: the embedded mode's data directory, whole, into a new folder, while the service runs.
 * <p>
 * The database comes first, copied online ({@link ClusterBackup}): consistent as of the moment its copy ends. The files
 * come after it: keys and secrets ({@code secret.key}, {@code token.key}, {@code postgres.password}, {@code sftp/}),
 * the inboxes ({@code inbox/}) and the run archives ({@code runs/}). A run's archive is written before the run is
 * recorded as having read it, so every archive a saved run names was on disk before the database's copy ended and is
 * copied after it (unless its retention removed it meanwhile, as it would have moments later anyway). An inbox file
 * replaced by an upload during the backup may be newer than the delivery the database recorded: every run checks each
 * file's SHA-256 against its record, so such a file is never read as another; the run says to upload it again.
 * Left out: uploads in progress ({@code inbox/.uploading}), runs' working files ({@code scratch/}, {@code extracted/}),
 * the embedded server's runtime folder.
 */
public final class Backup {

    private Backup() {
    }

    /** @return what the backup's manifest says */
    public static BackupManifest run(Path dataDir, Path folder) {
        dataDir = dataDir.toAbsolutePath().normalize();
        folder = folder.toAbsolutePath().normalize();
        if (folder.startsWith(dataDir)) {
            throw new BackupRefusal("the backup folder " + folder + " is inside the data directory " + dataDir
                    + ": name a folder outside it");
        }
        if (!Files.isDirectory(dataDir.resolve(ClusterBackup.CLUSTER))) {
            throw new BackupRefusal("there is no embedded PostgreSQL in " + dataDir + " (" + ClusterBackup.CLUSTER
                    + "/): name rostersync's data directory with ROSTERSYNC_DATA_DIR; with an external PostgreSQL"
                    + " (ROSTERSYNC_DB_URL) back that server up with pg_dump, as the administrator guide says");
        }
        try {
            if (Files.exists(folder) && (!Files.isDirectory(folder) || hasEntries(folder))) {
                throw new BackupRefusal("the backup folder " + folder + " is not empty: name a new or empty folder");
            }
            PrivateFiles.folder(folder);
            ClusterBackup.Copied database = ClusterBackup.copy(dataDir, folder.resolve(ClusterBackup.CLUSTER));
            int files = FileTree.copy(dataDir, folder, Backup::leftOut);
            BackupManifest manifest = new BackupManifest(Instant.now(), dataDir.toString(), database.schemaVersion(),
                    database.endLsn(), files);
            manifest.write(folder);
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the backup into " + folder, e);
        }
    }

    /** What the data directory holds that a backup does not keep (paths relative to it). */
    static boolean leftOut(Path relative) {
        String first = relative.getName(0).toString();
        if (first.equals(ClusterBackup.CLUSTER) || first.equals(ClusterBackup.RUNTIME)) {
            return true;
        }
        if (first.equals("inbox")) {
            return relative.getNameCount() >= 2 && relative.getName(1).toString().equals(".uploading");
        }
        if (first.equals("runs") && relative.getNameCount() >= 3) {
            String third = relative.getName(2).toString();
            return relative.getName(1).toString().equals("files") ? third.startsWith(".incoming-")
                    : third.equals("scratch") || third.equals("extracted");
        }
        return false;
    }

    static boolean hasEntries(Path folder) throws IOException {
        try (var entries = Files.list(folder)) {
            return entries.findAny().isPresent();
        }
    }
}
