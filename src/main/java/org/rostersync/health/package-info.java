/** GET /health: up once the database, HTTP and SFTP are. May use {@code intake.sftp}. */
package org.rostersync.health;
