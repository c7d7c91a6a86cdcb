/**
 * GET /health: up once the database, HTTP and SFTP are. May use {@code database} and {@code intake.sftp}.
 */
package org.rostersync.health;
