/**
 * GET /health: up once the database, HTTP and SFTP are, and the version that answers ({@code Version}, which
 * {@code --version} prints too). May use {@code database} and {@code intake.sftp}.
 */
package org.rostersync.health;
