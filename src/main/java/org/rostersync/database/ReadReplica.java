package org.rostersync.database;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The streaming replica the OneRoster API may read the roster from ({@code ROSTERSYNC_DB_READ_URL}): a pool of its own
 * ({@code rostersync-replica}), and whether the replica answers. Which reads may go there, and when, is the caller's
 * rule (roster.ReadRouting); this class only says whether the replica can be asked now.
 *
 * <p>The API must not go down because the replica does. A replica that does not hand a connection within a second (or
 * fails for a reason of its connection: SQLState class 08, or 57P, the server shutting down) is left alone for
 * {@link #RETRY_SECONDS} seconds, during which {@link #connection()} answers empty at once and the reads go to the
 * primary; then one read tries it again (the others keep to the primary while it does). So a replica that is down
 * costs one read a second's wait every few seconds, not every read. The pool starts without a connection, so an unreachable replica delays no start.
 */
public final class ReadReplica implements AutoCloseable {

    static final int RETRY_SECONDS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(ReadReplica.class);

    private final HikariDataSource pool;
    private final String url;
    /** When the replica may be tried again (System.nanoTime()), while it is left alone. */
    private long retryAtNanos;
    private boolean down;

    ReadReplica(HikariDataSource pool, String url) {
        this.pool = pool;
        this.url = url;
    }

    /** No replica is configured: every read goes to the primary. */
    static ReadReplica none() {
        return new ReadReplica(null, null);
    }

    /** Whether a replica is configured (answering or not). */
    public boolean configured() {
        return pool != null;
    }

    /**
     * A connection to the replica, which the caller closes; empty when none is configured, when it does not answer now,
     * or when it did not a few seconds ago.
     */
    public Optional<Connection> connection() {
        if (pool == null || leftAlone()) {
            return Optional.empty();
        }
        try {
            Connection c = pool.getConnection();
            answered();
            return Optional.of(c);
        } catch (SQLException e) {
            failed(e);
            return Optional.empty();
        }
    }

    /**
     * A read on a connection of {@link #connection()} failed. A failure of the connection or the server leaves the replica
     * alone for a while; any other (a statement cancelled because it conflicted with the replay, a schema the replica has
     * not replayed yet) concerns that read alone.
     */
    public void failed(SQLException e) {
        String state = e.getSQLState();
        if (state == null || state.startsWith("08") || state.startsWith("57P")) {
            leaveAlone(e.getMessage());
        } else {
            LOG.debug("A read on the replica failed ({}): it is read again on the primary", e.getMessage());
        }
    }

    /** The same for a statement run through {@link Tx}. */
    public void failed(DataAccessException e) {
        failed(e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getMessage(), e.sqlState(), e));
    }

    /**
     * Said once at start: whether the replica answers, and whether it is a replica at all. Neither stops the start: the
     * reads go to the primary until the replica answers, and a server that is not in recovery is read only while it
     * holds each tenant's latest roster (the routing's rule), which a copy that does not follow the primary soon stops.
     */
    void check() {
        Optional<Connection> c = connection();
        if (c.isEmpty()) {
            return; // connection() said why
        }
        try (Connection replica = c.get()) {
            boolean inRecovery = Tx.on(replica).one("SELECT pg_is_in_recovery()", row -> row.bool(1));
            if (inRecovery) {
                LOG.info("The OneRoster API reads the roster from the replica at {} while it has replayed each tenant's latest run", url);
            } else {
                LOG.warn("ROSTERSYNC_DB_READ_URL: the server at {} is not a replica (pg_is_in_recovery() is false): set it to a"
                        + " streaming replica of ROSTERSYNC_DB_URL; until then the API reads it only while it holds a tenant's"
                        + " latest roster", url);
            }
        } catch (SQLException | DataAccessException e) {
            LOG.warn("ROSTERSYNC_DB_READ_URL: cannot ask the server at {} whether it is a replica: {}", url, e.getMessage());
        }
    }

    /** While the replica is down, one read every few seconds tries it again; the others keep to the primary meanwhile. */
    private synchronized boolean leftAlone() {
        if (!down) {
            return false;
        }
        long now = System.nanoTime();
        if (now - retryAtNanos < 0) {
            return true;
        }
        retryAtNanos = now + TimeUnit.SECONDS.toNanos(RETRY_SECONDS);
        return false;
    }

    private synchronized void answered() {
        if (down) {
            down = false;
            LOG.info("The read replica at {} answers again: the OneRoster API reads from it again", url);
        }
    }

    private synchronized void leaveAlone(String why) {
        if (!down) {
            LOG.warn("The read replica at {} does not answer ({}): the OneRoster API reads from the primary, and tries the"
                    + " replica again every {} s", url, why, RETRY_SECONDS);
        } else {
            LOG.debug("The read replica at {} still does not answer ({})", url, why);
        }
        down = true;
        retryAtNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(RETRY_SECONDS);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }

    @Override
    public String toString() {
        return pool == null ? "ReadReplica[none]" : "ReadReplica[" + url + "]";
    }
}
