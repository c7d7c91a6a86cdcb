/**
 * The roster store: one table per rostering file, keyed by (tenant, source, sourcedId). Writes stream into staging
 * tables with COPY and merge in the caller's single transaction, which also logs what the run changed
 * ({@link org.rostersync.roster.ChangeLog}; read back by {@link org.rostersync.roster.RunChanges}); reads run a {@link org.rostersync.roster.Query}
 * (constraints from allow-listed fields, sort, window) within a {@link org.rostersync.roster.Scope} (tenant, sources,
 * schools), a request's reads on one connection to the primary or to the read replica when it has replayed the tenant's
 * latest run ({@link org.rostersync.roster.RosterQuery#read}, routed by {@code ReadRouting}). May use {@code oneroster} and {@code database} (its exceptions).
 */
package org.rostersync.roster;
