package org.rostersync.database;

import java.sql.Connection;
import java.sql.SQLException;

/** Statements on one connection: a transaction's ({@link Db#inTransaction}), or one a caller holds ({@link #on}). */
public final class Tx extends Statements {

    private final Connection connection;

    private Tx(Connection connection) {
        this.connection = connection;
    }

    /** Statements on a connection the caller holds and ends (the roster load's transaction, say). */
    public static Tx on(Connection connection) {
        return new Tx(connection);
    }

    @Override
    <T> T onConnection(ConnectionWork<T> work) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }
}
