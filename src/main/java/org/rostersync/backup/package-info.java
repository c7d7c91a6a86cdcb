/**
 * {@code rostersync backup DIR} and {@code rostersync restore DIR} for the embedded mode: the database, copied online
 * by {@code database.ClusterBackup}, and the data directory's files (keys, secrets, inboxes, run archives), copied after
 * it with their hard links, so that every archive a saved run names is in the backup. May use {@code config},
 * {@code database}.
 */
package org.rostersync.backup;
