/**
 * The PostgreSQL connection pool: an external server from configuration, or an embedded PostgreSQL 15 kept under the
 * data directory; Flyway migrations run before the pool is handed out. {@code Db} is the one way the stores reach it:
 * statements with their parameters and row mappers, transactions, and {@code DataAccessException} (unchecked, with the
 * SQLState) for what fails. {@code ReadReplica} is the pool of a streaming replica the OneRoster API may read the roster
 * from, and whether it answers now. {@code SharedKeys} refuses a start holding another key than a live instance sharing
 * the database. {@code ClusterBackup} copies the embedded cluster online, for {@code rostersync backup}. May use {@code config} only.
 */
package org.rostersync.database;
