package org.rostersync.database;

import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * The one way the stores reach the database: each statement on a connection of the pool, or several in one transaction
 * ({@link #inTransaction}). Failures are {@link DataAccessException}s.
 */
@Singleton
public class Db extends Statements {

    /** A cursor's rows are fetched this many at a time, never all at once. */
    private static final int FETCH_SIZE = 1000;

    private final DataSource dataSource;

    Db(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Work that runs in one transaction. */
    @FunctionalInterface
    public interface TxWork<T> {
        T run(Tx tx);
    }

    /** Runs the work in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(TxWork<T> work) {
        return onConnection(c -> {
            c.setAutoCommit(false);
            try {
                T result = work.run(Tx.on(c));
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                c.rollback();
                throw e;
            }
        });
    }

    /** Several statements on one connection, each committed by itself (for session state: advisory locks). */
    public <T> T onOneConnection(TxWork<T> work) {
        return onConnection(c -> work.run(Tx.on(c)));
    }

    /** Every row of the query, mapped, to the consumer, read through a cursor: for results of any size. */
    public <T> void forEach(String sql, RowMapper<T> mapper, Consumer<T> consumer, Object... params) {
        onConnection(c -> {
            c.setAutoCommit(false); // PostgreSQL keeps a cursor only inside a transaction
            try (PreparedStatement ps = prepare(c, sql, params)) {
                ps.setFetchSize(FETCH_SIZE);
                try (ResultSet rs = ps.executeQuery()) {
                    Row row = new Row(rs);
                    while (rs.next()) {
                        consumer.accept(mapper.map(row));
                    }
                }
                return null;
            } finally {
                c.rollback();
            }
        });
    }

    /** Whether the database answers within the seconds. */
    public boolean answers(int seconds) {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(seconds);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    <T> T onConnection(ConnectionWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }
}
