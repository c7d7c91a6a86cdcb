package org.rostersync;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import org.rostersync.backup.Backup;
import org.rostersync.backup.BackupManifest;
import org.rostersync.backup.BackupRefusal;
import org.rostersync.backup.Restore;
import org.rostersync.config.StartupRefusal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code rostersync backup DIR} and {@code rostersync restore DIR}, for the embedded mode: the command line of
 * {@link Backup} and {@link Restore}, on the data directory the service's own configuration names. Exit status 0 when
 * done, 1 when refused or failed (said in a sentence), 2 for a wrong command line.
 */
final class BackupCommand {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE_ERROR = 2;

    static final String USAGE = """
            usage: java -jar rostersync.jar backup DIR     (while the service runs, or not)
                   java -jar rostersync.jar restore DIR    (into a new or empty data directory, the service stopped)
              DIR  the backup's folder: new or empty for backup; one that backup finished for restore
            the data directory is the service's own (ROSTERSYNC_DATA_DIR, default ./data); for the embedded PostgreSQL
            only: with ROSTERSYNC_DB_URL set, back up that server with pg_dump (see docs/administrator-guide.md)""";

    private final PrintStream out;
    private final PrintStream err;

    BackupCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** The command as the service's configuration (environment, MICRONAUT_CONFIG_FILES, application.yml) sets it up. */
    int runConfigured(String command, List<String> args) {
        if (args.size() != 1 || args.get(0).startsWith("-")) {
            return usage(args);
        }
        // the configuration only: a whole application context would start the SFTP server
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).build()) {
            Environment environment = context.getEnvironment().start();
            String dbUrl = environment.getProperty("rostersync.db.url", String.class).orElse("");
            if (!dbUrl.isBlank()) {
                err.println("rostersync: ROSTERSYNC_DB_URL is set: this data directory's database is that external"
                        + " PostgreSQL, which " + command + " does not handle; back it up with pg_dump or pg_basebackup"
                        + " and the data directory's files as docs/administrator-guide.md says");
                return FAILED;
            }
            Path dataDir = Path.of(environment.getRequiredProperty("rostersync.data-dir", String.class));
            int status = run(command, args, dataDir);
            String endpoint = environment.getProperty("rostersync.storage.endpoint", String.class).orElse("");
            if (status == OK && !endpoint.isBlank()) {
                out.println(objectStorageNote(command, endpoint,
                        environment.getProperty("rostersync.storage.bucket", String.class).orElse("")));
            }
            return status;
        }
    }

    int run(String command, List<String> args, Path dataDir) {
        if (args.size() != 1 || args.get(0).startsWith("-")) {
            return usage(args);
        }
        Path folder = Path.of(args.get(0));
        try {
            if (command.equals("backup")) {
                BackupManifest saved = Backup.run(dataDir, folder);
                out.println("Backed up " + saved.dataDir() + " into " + folder.toAbsolutePath().normalize()
                        + ": the database (schema version " + saved.schemaVersion() + ", as of WAL " + saved.walEnd()
                        + ") and " + saved.files() + " files. Restore it with: rostersync restore "
                        + folder.toAbsolutePath().normalize());
            } else {
                BackupManifest restored = Restore.run(folder, dataDir);
                out.println("Restored the backup of " + restored.finishedAt() + " into " + dataDir.toAbsolutePath().normalize()
                        + " (schema version " + restored.schemaVersion() + "). Start rostersync on it; it migrates the"
                        + " schema if this release is newer than the backup's.");
            }
            return OK;
        } catch (BackupRefusal | StartupRefusal refused) {
            err.println("rostersync: " + command + " refused: " + refused.getMessage());
            return FAILED;
        } catch (RuntimeException failed) {
            err.println("rostersync: " + command + " failed: " + failed.getMessage());
            return FAILED;
        }
    }

    /**
     * With object storage the deliveries' contents and the run archives are in the bucket, not in the data directory:
     * the backup does not hold them, and says so rather than let its file count suggest it does.
     */
    static String objectStorageNote(String command, String endpoint, String bucket) {
        return command.equals("backup")
                ? "Not in this backup: the deliveries and run archives in object storage (" + endpoint + ", bucket " + bucket
                        + "); keep them with the bucket's versioning or replication (docs/administrator-guide.md, Several"
                        + " machines). The data directory's inboxes and runs/ are only this instance's local copies."
                : "The restored database's deliveries and run archives are read from object storage (" + endpoint
                        + ", bucket " + bucket + "): restore the bucket to the same moment, or runs of files it no longer"
                        + " holds fail with delivery.changed_after_upload.";
    }

    private int usage(List<String> args) {
        if (args.size() == 1 && (args.get(0).equals("--help") || args.get(0).equals("-h"))) {
            out.println(USAGE);
            return OK;
        }
        err.println(USAGE);
        return USAGE_ERROR;
    }
}
