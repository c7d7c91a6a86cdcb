package org.rostersync.roster;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The two plans the planner gets wrong on the statistics a night's load leaves, chosen for it: the merge of changed rows
 * by primary key, and finding records by ctid. Each statement runs with the other methods off for the transaction only.
 */
final class QueryPlans {

    private final Connection connection;

    QueryPlans(Connection connection) {
        this.connection = connection;
    }

    /**
     * Runs a join that probes the primary key once per staged row: a night's few changes would otherwise be merged by
     * hashing them and scanning every record of the source (at a million students, a roster larger than the server's
     * buffers read whole for 1% of it; 30% of the merge's time).
     */
    <T> T byKey(SqlCall<T> statement) throws SQLException {
        return without(statement, "enable_hashjoin", "enable_mergejoin");
    }

    /**
     * Runs a statement that finds rows by ctid with a TID scan, whatever the statistics say: with a table not analyzed
     * since a bulk load the planner took the primary key's (tenant, source) prefix for one row and filtered every record
     * of the source against the array (17 s for 409 users of 409,000).
     */
    <T> T byTid(SqlCall<T> statement) throws SQLException {
        return without(statement, "enable_indexscan", "enable_bitmapscan", "enable_seqscan");
    }

    /** Runs the statement with these planner methods off, for this transaction only, and on again after. */
    private <T> T without(SqlCall<T> statement, String... methods) throws SQLException {
        setAll(methods, "off");
        try {
            return statement.call();
        } finally {
            setAll(methods, "on");
        }
    }

    private void setAll(String[] methods, String value) throws SQLException {
        execute(String.join("; ", java.util.Arrays.stream(methods).map(m -> "SET LOCAL " + m + " = " + value).toList()));
    }

    @FunctionalInterface
    interface SqlCall<T> {
        T call() throws SQLException;
    }

    /** ctids packed as block << 16 | offset (a heap tuple's offset fits 16 bits), as a tid[] literal. */
    static String tidArray(long[] ctids) {
        StringBuilder a = new StringBuilder(ctids.length * 14 + 2).append('{');
        for (int i = 0; i < ctids.length; i++) {
            if (i > 0) {
                a.append(',');
            }
            a.append("\"(").append(ctids[i] >>> 16).append(',').append(ctids[i] & 0xffff).append(")\"");
        }
        return a.append('}').toString();
    }

    private void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }
}
