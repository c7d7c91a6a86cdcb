package org.rostersync.database;

import java.sql.SQLException;

/** A statement the database refused or could not run, unchecked; its SQLState says why (23505: a unique key taken). */
public class DataAccessException extends RuntimeException {

    private static final String UNIQUE_VIOLATION = "23505";

    private final String sqlState;

    public DataAccessException(SQLException cause) {
        super(cause.getMessage(), cause);
        this.sqlState = cause.getSQLState();
    }

    /** The SQLState of the refusal; null when the driver gave none. */
    public String sqlState() {
        return sqlState;
    }

    /** Whether a row was refused because it would repeat a unique key. */
    public boolean isUniqueViolation() {
        return UNIQUE_VIOLATION.equals(sqlState);
    }
}
