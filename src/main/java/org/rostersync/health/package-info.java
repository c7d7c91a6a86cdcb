/**
 * GET /health: up once the database, HTTP and SFTP are, and the version that answers ({@code Version}, which
 * {@code --version} prints too); /health/readiness and /health/liveness for orchestrators. May use {@code database} and
 * {@code intake.sftp}.
 */
package org.rostersync.health;
