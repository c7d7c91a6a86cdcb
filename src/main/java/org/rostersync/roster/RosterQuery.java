package org.rostersync.roster;

import jakarta.inject.Singleton;
import org.rostersync.oneroster.ColumnType;
import org.rostersync.oneroster.RosterFile;

import java.util.UUID;

/**
 * Runs {@link Query}s within a {@link Scope}: a request's roster reads are handed a {@link RosterReader} on the server
 * {@link ReadRouting} chooses (the read replica when it has replayed the tenant's latest run, else the primary), so
 * that the records, their total and the lookups around them are read on one connection to one server.
 */
@Singleton
public class RosterQuery {

    /** A request's roster reads; run again on the primary if the replica fails during them, so free of other effects. */
    @FunctionalInterface
    public interface Reading<T> {
        T read(RosterReader reader) throws InvalidQueryException;
    }

    private final ReadRouting routing;
    private final Continuations continuations;
    private final Counts counts;

    RosterQuery(ReadRouting routing, Continuations continuations, Counts counts) {
        this.routing = routing;
        this.continuations = continuations;
        this.counts = counts;
    }

    /** Whether the field can order a page: any scalar field of the file (not a list, not metadata). */
    public static boolean sortable(RosterFile file, String field) {
        return RosterFields.of(file, field).filter(f -> f.type() != ColumnType.LIST).isPresent();
    }

    /** Runs the reads of one request for the tenant's roster, on one connection to one server. */
    public <T> T read(UUID tenantId, Reading<T> reading) throws InvalidQueryException {
        return routing.read(tenantId, (c, stamp) -> reading.read(new RosterReader(c, stamp, continuations, counts)));
    }
}
