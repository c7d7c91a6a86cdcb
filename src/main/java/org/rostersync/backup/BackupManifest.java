package org.rostersync.backup;

import org.rostersync.config.PrivateFiles;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;

/**
 * {@code rostersync-backup.properties}, written last into a backup folder: its presence says the backup finished, and
 * it says when, from which data directory, at which schema version and up to which point of the database's WAL.
 */
public record BackupManifest(Instant finishedAt, String dataDir, String schemaVersion, String walEnd, int files) {

    static final String FILE_NAME = "rostersync-backup.properties";

    void write(Path folder) throws IOException {
        Properties p = new Properties();
        p.setProperty("finished-at", finishedAt.toString());
        p.setProperty("data-dir", dataDir);
        p.setProperty("schema-version", schemaVersion);
        p.setProperty("wal-end", walEnd);
        p.setProperty("files", Integer.toString(files));
        StringWriter text = new StringWriter();
        p.store(text, "a finished rostersync backup: restore it with 'rostersync restore " + folder.getFileName() + "'");
        PrivateFiles.writeOnce(folder.resolve(FILE_NAME), text.toString());
    }

    static BackupManifest read(Path folder) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(folder.resolve(FILE_NAME), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return new BackupManifest(Instant.parse(p.getProperty("finished-at")), p.getProperty("data-dir"),
                p.getProperty("schema-version"), p.getProperty("wal-end"), Integer.parseInt(p.getProperty("files")));
    }
}
