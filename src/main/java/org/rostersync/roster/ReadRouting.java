package org.rostersync.roster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import org.rostersync.database.DataAccessException;
import org.rostersync.database.ReadReplica;
import org.rostersync.database.Tx;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Which server answers a request's roster reads: the read replica ({@code ROSTERSYNC_DB_READ_URL}) when it has
 * replayed the tenant's latest run, else the primary. Only the OneRoster API's roster reads come here (records, pages,
 * totals, the lookups of parents and children); everything else on the API's path (tokens, nonces, the client's
 * access, rate limits, the read audit) writes or must be fresh, and stays on the primary through {@code Db}.
 *
 * <p><b>The rule.</b> Every run that commits roster changes raises the tenant's roster stamp in the same transaction
 * ({@link Counts#raise}), and nothing else changes the roster. A request reads the stamp P on the primary (a
 * primary-key lookup), then the stamp R on the replica. R &ge; P means the replica holds every run committed before the
 * request began, the one that made P included (a run's changes and its stamp replay as one transaction), and replay
 * only moves forward, so the request's later reads there see at least that: the request reads the replica, and the
 * primary's connection goes back at once. R &lt; P (the replica lags behind that tenant's last run), no replica
 * connection within a second, or a failure: the request reads the primary. A request never sees an older roster than
 * one committed before it began, so a client that saw a run's result never sees the roster before it again (reads are
 * monotonic), and an operator who sees a run end sees the API serve it.
 *
 * <p><b>No transaction.</b> The reads of a request are statements of their own on one connection of one server, as
 * they were before a replica could serve them. A repeatable-read transaction around them, so that a page and its total
 * come from one snapshot even while a run commits, cost two statements more a request: the Garcia page of
 * bench/api_bench.sh measured 0.86&ndash;1.27 times pgbench's throughput with it, 1.09&ndash;1.40 without (four rounds
 * each, alternated). A run committing during a request can make its total newer than its stamp; that only wastes the
 * {@link Counts} entry (readers of the new stamp count again). A read the replica cancels because it conflicted with the
 * replay is read again on the primary, as for any failure of the replica during its reads (and a failure of its
 * connection leaves the replica alone for a few seconds: {@link ReadReplica}).
 * {@link Continuations} are kept under the stamp, so a walk whose pages alternate between servers seeks past the last
 * key only on the roster it left.
 *
 * <p><b>Why not WAL positions.</b> Comparing {@code pg_current_wal_lsn()} on the primary with
 * {@code pg_last_wal_replay_lsn()} on the replica costs the same two lookups, but the primary's position moves with
 * every write of every tenant (the read audit, tokens, nonces, run progress): on a busy service the replica would
 * almost never be "caught up", though the roster a tenant reads last changed at night. The stamp is per tenant and
 * moves only when that tenant's roster does. A replica behind a migration (a column it does not have yet) fails the
 * read, which goes to the primary.
 *
 * <p>Each request is counted in {@code rostersync_api_reads_total} by the server that answered (server) and why
 * (reason: caught_up, lagging, unavailable, no_replica).
 */
@Context // its meters are in /metrics from the start, before the first read
class ReadRouting {

    /** Why a request's reads went where they went. */
    enum Reason {
        CAUGHT_UP("replica"), LAGGING("primary"), UNAVAILABLE("primary"), NO_REPLICA("primary");

        final String server;

        Reason(String server) {
            this.server = server;
        }
    }

    /** The reads of one request, on a connection to a server whose roster stamp was {@code stamp} when they began. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c, long stamp) throws InvalidQueryException;
    }

    private final DataSource primary;
    private final ReadReplica replica;
    private final Map<Reason, Counter> counters = new EnumMap<>(Reason.class);

    ReadRouting(DataSource primary, ReadReplica replica, MeterRegistry registry) {
        this.primary = primary;
        this.replica = replica;
        for (Reason reason : Reason.values()) {
            counters.put(reason, Counter.builder("rostersync.api.reads")
                    .description("OneRoster API requests by the database server that answered their roster reads, and why")
                    .tag("server", reason.server).tag("reason", reason.name().toLowerCase(java.util.Locale.ROOT))
                    .register(registry));
        }
    }

    <T> T read(UUID tenantId, Work<T> work) throws InvalidQueryException {
        Stamped stamped = open(tenantId);
        try {
            T result;
            try {
                result = work.run(stamped.connection, stamped.stamp);
            } catch (DataAccessException e) {
                if (stamped.reason != Reason.CAUGHT_UP) {
                    throw e;
                }
                replica.failed(e);
                stamped.close();
                stamped = onPrimary(tenantId, Reason.UNAVAILABLE);
                result = work.run(stamped.connection, stamped.stamp);
            }
            counters.get(stamped.reason).increment();
            return result;
        } finally {
            stamped.close();
        }
    }

    private Stamped open(UUID tenantId) {
        Stamped onPrimary = onPrimary(tenantId, replica.configured() ? Reason.LAGGING : Reason.NO_REPLICA);
        if (!replica.configured()) {
            return onPrimary;
        }
        try {
            Optional<Connection> connection = replica.connection();
            if (connection.isEmpty()) {
                return onPrimary.because(Reason.UNAVAILABLE);
            }
            Stamped onReplica = new Stamped(connection.get(), Reason.CAUGHT_UP);
            try {
                onReplica.readStamp(tenantId);
            } catch (DataAccessException e) {
                replica.failed(e);
                onReplica.close();
                return onPrimary.because(Reason.UNAVAILABLE);
            }
            if (onReplica.stamp >= onPrimary.stamp) {
                onPrimary.close();
                return onReplica;
            }
            onReplica.close();
            return onPrimary;
        } catch (RuntimeException e) {
            onPrimary.close();
            throw e;
        }
    }

    private Stamped onPrimary(UUID tenantId, Reason reason) {
        Connection c;
        try {
            c = primary.getConnection();
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
        Stamped stamped = new Stamped(c, reason);
        try {
            stamped.readStamp(tenantId);
        } catch (RuntimeException e) {
            stamped.close();
            throw e;
        }
        return stamped;
    }

    /** A connection to one server, and the tenant's stamp read on it first. */
    private static final class Stamped {

        final Connection connection;
        Reason reason;
        long stamp;
        private boolean closed;

        Stamped(Connection connection, Reason reason) {
            this.connection = connection;
            this.reason = reason;
        }

        void readStamp(UUID tenantId) {
            stamp = Counts.stamp(Tx.on(connection), tenantId);
        }

        Stamped because(Reason why) {
            reason = why;
            return this;
        }

        /** Gives the connection back; a broken one is the pool's to drop. */
        void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection broke (a replica going away): nothing was written, and the pool evicts it
            }
        }
    }
}
