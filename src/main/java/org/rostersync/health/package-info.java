/**
 * GET /health: up once the database, HTTP and SFTP are, and the version that answers ({@code Version}, which
 * {@code --version} prints too); /health/readiness (with the object storage's bucket, when configured) and
 * /health/liveness for orchestrators. May use {@code database}, {@code intake.sftp} and {@code storage}.
 */
package org.rostersync.health;
