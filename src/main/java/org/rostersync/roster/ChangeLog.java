package org.rostersync.roster;

import org.postgresql.PGConnection;
import org.rostersync.oneroster.RosterFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The change log's writes in a run's transaction (table {@code run_change}): {@link SourceTable} logs each change,
 * withdrawal and restore as it merges them; the inserts are the records whose {@code inserted_by} is the run. What a held
 * run would have done is kept across its rollback, and an approval is compared with it.
 */
final class ChangeLog {

    private ChangeLog() {
    }

    /** Sets the first four columns of a {@code run_change} insert from parameter {@code from}; returns the next. */
    static int logged(PreparedStatement ps, int from, UUID runId, UUID tenantId, UUID sourceId, RosterFile file) throws SQLException {
        ps.setObject(from, runId);
        ps.setObject(from + 1, tenantId);
        ps.setObject(from + 2, sourceId);
        ps.setString(from + 3, file.fileName());
        return from + 4;
    }

    /** The records of the loaded files that the run inserted, as rows of the change log (for a run that is held). */
    static void logInserts(Connection connection, UUID runId, UUID tenantId, UUID sourceId, Set<RosterFile> files) throws SQLException {
        for (RosterFile file : files) {
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO run_change (run_id, tenant_id, source_id, file, op, sourced_id,"
                    + " name, school) SELECT ?, ?, ?, ?, 'inserted', t.sourced_id, " + RosterTable.nameSql(file, "t") + ", "
                    + RosterTable.schoolSql(file, "t") + " FROM " + RosterTable.name(file) + " t"
                    + " WHERE t.tenant_id = ? AND t.source_id = ? AND t.inserted_by = ?")) {
                int p = logged(ps, 1, runId, tenantId, sourceId, file);
                ps.setObject(p++, tenantId);
                ps.setObject(p++, sourceId);
                ps.setObject(p, runId);
                ps.executeUpdate();
            }
        }
    }

    /** The run's change log, in COPY's binary format, to a file (kept while the transaction that wrote it rolls back). */
    static void copyOut(Connection connection, UUID runId, Path to) throws SQLException, IOException {
        try (OutputStream out = Files.newOutputStream(to)) {
            // COPY takes no parameters: the id is a UUID, never text from a request
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyOut("COPY (SELECT * FROM run_change WHERE run_id = '" + runId + "') TO STDOUT (FORMAT binary)", out);
        }
    }

    /** A change log {@link #copyOut} wrote, back into the table. */
    static void copyIn(Connection connection, Path from) throws SQLException, IOException {
        try (InputStream in = Files.newInputStream(from)) {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY run_change FROM STDIN (FORMAT binary)", in);
        }
    }

    /** Moves the held run's change log to a table of the transaction, so that the approved run logs afresh. */
    static void setAsideHeld(Connection connection, UUID runId) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TEMP TABLE held_change ON COMMIT DROP AS SELECT file, op, sourced_id, fields FROM run_change"
                    + " WHERE run_id = '" + runId + "'");
            st.execute("DELETE FROM run_change WHERE run_id = '" + runId + "'");
        }
    }

    /**
     * How many entries the run's change log now has that the held one has not, and the other way round. A run held with
     * an empty log was held before runs kept one (a safeguard holds only a run that would change something): it is
     * applied as computed again, as approvals were then.
     */
    static long differencesFromHeld(Connection connection, UUID runId, UUID tenantId, UUID sourceId, Set<RosterFile> files)
            throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM held_change)")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return 0;
            }
        }
        // every value is a UUID or a file name of ours, never text from a request
        String inserts = files.stream().map(file -> " UNION ALL SELECT '" + file.fileName() + "', 'inserted', sourced_id, NULL::jsonb FROM "
                + RosterTable.name(file) + " WHERE tenant_id = '" + tenantId + "' AND source_id = '" + sourceId
                + "' AND inserted_by = '" + runId + "'").collect(Collectors.joining());
        String now = "SELECT file, op, sourced_id, fields FROM run_change WHERE run_id = '" + runId + "'" + inserts;
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("WITH now AS (" + now + ") SELECT (SELECT count(*) FROM (SELECT * FROM now EXCEPT ALL"
                     + " SELECT * FROM held_change) a) + (SELECT count(*) FROM (SELECT * FROM held_change EXCEPT ALL SELECT * FROM now) b)")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
