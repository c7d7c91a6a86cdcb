package org.rostersync.database;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Tells the instances sharing one database whether another is still alive. Each holds a session advisory lock on its
 * own random key on a connection of its own for as long as it lives; PostgreSQL drops the lock the moment that
 * session ends, a killed process's included. So a run another instance executes can be taken for lost exactly when its
 * instance is gone: not on a timeout, and never while it still runs.
 */
@Singleton
public class InstanceLiveness {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceLiveness.class);

    private final DatabaseServer server;
    private final long key = new SecureRandom().nextLong();
    private Connection held;
    /** When {@link #keepAlive} last finished, whatever it found: a watch that stops finishing is wedged. */
    private volatile long lastLookNanos = System.nanoTime();

    InstanceLiveness(DatabaseServer server) throws SQLException {
        this.server = server;
        hold();
    }

    /** This instance's key: what it records as the executor of the runs it takes. */
    public long key() {
        return key;
    }

    /** Whether the instance with this key is gone (its lock is free), asked on one of the pool's connections. */
    public boolean isGone(Connection c, long other) throws SQLException {
        if (other == key) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, other);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return false;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            ps.setLong(1, other);
            ps.executeQuery().close();
        }
        return true;
    }

    /** Takes the lock again if its session was lost (the database restarted): until then others take this one for gone. */
    public synchronized void keepAlive() {
        try {
            if (held != null && held.isValid(5)) {
                return;
            }
            LOG.warn("The database session that shows this instance alive was lost; taking it again");
            hold();
        } catch (SQLException e) {
            LOG.warn("Cannot show this instance alive to the others: {}", e.getMessage());
        } finally {
            lastLookNanos = System.nanoTime();
        }
    }

    /**
     * How long ago {@link #keepAlive} last finished (or this instance started): it is called every few seconds and
     * finishes within seconds even when the database is away, so a long time means the process is wedged.
     */
    public java.time.Duration sinceLastLook() {
        return java.time.Duration.ofNanos(System.nanoTime() - lastLookNanos);
    }

    private synchronized void hold() throws SQLException {
        closeQuietly();
        Connection c = DriverManager.getConnection(server.url(), server.user(), server.password());
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock(?)")) {
            ps.setLong(1, key);
            ps.executeQuery().close();
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        held = c;
    }

    @PreDestroy
    synchronized void closeQuietly() {
        if (held == null) {
            return;
        }
        try {
            held.close();
        } catch (SQLException e) {
            LOG.debug("Closing the liveness session", e);
        }
        held = null;
    }
}
