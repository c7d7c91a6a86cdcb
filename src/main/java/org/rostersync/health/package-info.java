/**
 * GET /health: up once the database, HTTP and SFTP are; /health/readiness and /health/liveness for orchestrators.
 * May use {@code database} and {@code intake.sftp}.
 */
package org.rostersync.health;
