/**
 * The roster store: one table per rostering file, keyed by (tenant, source, sourcedId). Writes stream into staging
 * tables with COPY and merge in the caller's single transaction; reads page a tenant's records. May use {@code oneroster}.
 */
package org.rostersync.roster;
