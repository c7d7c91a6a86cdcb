package org.rostersync;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** What backup and restore say of the deliveries and archives when they live in object storage. */
class BackupCommandTest {

    @Test
    void withObjectStorageBackupSaysTheBucketIsNotInItAndRestoreSaysToRestoreTheBucketToo() {
        String backup = BackupCommand.objectStorageNote("backup", "https://s3.example.org", "hub-bucket");
        assertTrue(backup.startsWith("Not in this backup: the deliveries and run archives"), backup);
        assertTrue(backup.contains("https://s3.example.org") && backup.contains("hub-bucket"), backup);
        assertTrue(backup.contains("versioning or replication"), backup);
        String restore = BackupCommand.objectStorageNote("restore", "https://s3.example.org", "hub-bucket");
        assertTrue(restore.contains("restore the bucket to the same moment"), restore);
    }
}
