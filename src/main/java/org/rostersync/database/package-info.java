/**
 * The PostgreSQL connection pool: an external server from configuration, or an embedded PostgreSQL 15 kept under the
 * data directory; Flyway migrations run before the pool is handed out. May use {@code config} only.
 */
package org.rostersync.database;
