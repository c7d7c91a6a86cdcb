package org.rostersync.roster;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.rostersync.oneroster.RosterFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Streams one file's valid rows into a temporary staging table with COPY, then merges them into the roster table:
 * new records inserted, changed ones updated, unchanged ones not rewritten; in bulk mode, records of the source that
 * the file no longer lists become {@code tobedeleted} (a soft delete, restored when they come back).
 */
public final class FileLoad implements RowSink {

    private static final Logger LOG = LoggerFactory.getLogger(FileLoad.class);

    private final Connection connection;
    private final RosterFile file;
    private final boolean bulk;
    /** False when the source never deletes: a bulk file's missing records stay active. */
    private final boolean deletes;
    /** Schools outside the source's school mapping (read when the file is merged: orgs.csv fills it as it is read). */
    private final java.util.Set<String> outOfScope;
    private final UUID tenantId;
    private final UUID sourceId;
    private final Instant now;
    private final String table;
    private final String stage;
    private final PGCopyOutputStream copy;
    private final Writer out;
    private final StringBuilder line = new StringBuilder(512);
    private long staged;

    FileLoad(Connection connection, PGConnection pg, RosterFile file, boolean bulk, boolean deletes, java.util.Set<String> outOfScope,
             UUID tenantId, UUID sourceId, Instant now) throws SQLException {
        this.connection = connection;
        this.outOfScope = outOfScope;
        this.file = file;
        this.bulk = bulk;
        this.deletes = deletes;
        this.tenantId = tenantId;
        this.sourceId = sourceId;
        this.now = now;
        this.table = RosterTable.name(file);
        this.stage = "stage_" + table;
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TEMP TABLE " + stage + " ON COMMIT DROP AS SELECT 0::bigint AS line, sourced_id, status, metadata, "
                    + RosterTable.columnList(file, "") + " FROM " + table + " WITH NO DATA");
        }
        this.copy = new PGCopyOutputStream(pg, "COPY " + stage + " (line, sourced_id, status, metadata, "
                + RosterTable.columnList(file, "") + ") FROM STDIN", 1 << 16);
        this.out = new OutputStreamWriter(copy, StandardCharsets.UTF_8);
    }

    /**
     * Stages one valid row.
     *
     * @param status   {@code active} or {@code tobedeleted}; null means active
     * @param values   one value per {@link RosterFile#columns()}: String, Boolean, Integer, LocalDate, List or null
     * @param metadata the row's {@code metadata.*} columns, without the prefix; may be empty
     */
    @Override
    public void add(long lineNumber, String sourcedId, String status, Object[] values, Map<String, String> metadata)
            throws IOException {
        line.setLength(0);
        line.append(lineNumber).append('\t');
        CopyText.append(line, sourcedId);
        line.append('\t');
        CopyText.append(line, status == null ? "active" : status);
        line.append('\t');
        CopyText.append(line, metadata.isEmpty() ? null : metadata);
        for (Object value : values) {
            line.append('\t');
            CopyText.append(line, value);
        }
        line.append('\n');
        out.append(line);
        staged++;
    }

    /**
     * Ends the COPY and merges the staged rows into the roster, inside the run's transaction. Only rows that differ are
     * rewritten: an UPDATE joins on sourcedId and compares every column, an INSERT adds the sourcedIds not yet there.
     * (INSERT ... ON CONFLICT DO UPDATE ... WHERE would lock, and so rewrite, every unchanged row too.)
     */
    @Override
    public MergeResult finish() throws IOException, SQLException {
        out.flush();
        copy.endCopy();
        long started = System.nanoTime();
        List<MergeResult.Duplicate> duplicates = duplicates();
        if (!duplicates.isEmpty()) {
            execute("DELETE FROM " + stage + " s USING (SELECT sourced_id, min(line) AS first_line FROM " + stage
                    + " GROUP BY sourced_id HAVING count(*) > 1) d WHERE s.sourced_id = d.sourced_id AND s.line <> d.first_line");
        }
        // With an index and fresh statistics on both sides, every join below is a hash join or an index probe, never
        // a nested loop over an unindexed staging table.
        execute("CREATE UNIQUE INDEX ON " + stage + " (sourced_id)");
        execute("ANALYZE " + stage);
        long activeBefore = count("SELECT count(*) FROM " + table + " t WHERE t.tenant_id = ? AND t.source_id = ? AND t.status = 'active'");
        long restored = count("SELECT count(*) FROM " + table + " t JOIN " + stage + " s ON s.sourced_id = t.sourced_id"
                + " WHERE t.tenant_id = ? AND t.source_id = ? AND t.status = 'tobedeleted' AND s.status = 'active'");
        long staging = System.nanoTime();
        String cols = RosterTable.columnList(file, "");
        String sets = file.columns().stream()
                .map(c -> "\"" + RosterTable.column(c) + "\" = s.\"" + RosterTable.column(c) + "\"")
                .reduce((a, b) -> a + ", " + b).orElseThrow();
        long updated;
        long deletedByRow;
        try (PreparedStatement ps = connection.prepareStatement("WITH changed AS (UPDATE " + table + " t SET status = s.status,"
                + " date_last_modified = ?, metadata = s.metadata, " + sets + " FROM " + stage + " s"
                + " WHERE t.tenant_id = ? AND t.source_id = ? AND t.sourced_id = s.sourced_id"
                + " AND (t.status, t.metadata, " + RosterTable.columnList(file, "t.") + ") IS DISTINCT FROM"
                + " (s.status, s.metadata, " + RosterTable.columnList(file, "s.") + ") RETURNING s.status)"
                + " SELECT count(*) FILTER (WHERE status <> 'tobedeleted'), count(*) FILTER (WHERE status = 'tobedeleted') FROM changed")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setObject(2, tenantId);
            ps.setObject(3, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                updated = rs.getLong(1);
                deletedByRow = rs.getLong(2);
            }
        }
        long inserted;
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + table
                + " (tenant_id, source_id, sourced_id, status, date_last_modified, metadata, " + cols + ")"
                + " SELECT ?, ?, s.sourced_id, s.status, ?, s.metadata, " + RosterTable.columnList(file, "s.") + " FROM " + stage + " s"
                + " WHERE NOT EXISTS (SELECT 1 FROM " + table + " t WHERE t.tenant_id = ? AND t.source_id = ? AND t.sourced_id = s.sourced_id)")) {
            ps.setObject(1, tenantId);
            ps.setObject(2, sourceId);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setObject(4, tenantId);
            ps.setObject(5, sourceId);
            inserted = ps.executeUpdate();
        }
        if (inserted + updated > 10_000) {
            // The next file's joins (and the bulk delete below) plan from these statistics.
            execute("ANALYZE " + table);
        }
        long merging = System.nanoTime();
        long deletedMissing = bulk && deletes ? markMissingDeleted() : 0;
        long prevented = bulk && !deletes ? count("SELECT count(*) FROM " + table + " t WHERE t.tenant_id = ? AND t.source_id = ?"
                + " AND t.status <> 'tobedeleted' AND NOT EXISTS (SELECT 1 FROM " + stage + " s WHERE s.sourced_id = t.sourced_id)") : 0;
        long distinct = staged - duplicates.size();
        long unchanged = distinct - inserted - updated - deletedByRow;
        LOG.info("{}: {} rows; staging checks {} ms, merge {} ms, bulk deletes {} ms", file.fileName(), staged,
                (staging - started) / 1_000_000, (merging - staging) / 1_000_000, (System.nanoTime() - merging) / 1_000_000);
        return new MergeResult(inserted, updated, unchanged, deletedByRow + deletedMissing, restored, activeBefore, prevented, duplicates);
    }

    /** A count over the source's rows: the query's two parameters are the tenant and the source. */
    private long count(String sql) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setObject(1, tenantId);
            ps.setObject(2, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    /** Abandons a load that did not finish, so that the transaction can roll back. */
    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }

    /** Bulk: the file is the complete set, so the source's records it no longer lists become tobedeleted. */
    private long markMissingDeleted() throws SQLException {
        String scope = outOfScope.isEmpty() ? "" : switch (file) {
            case ORGS -> " AND NOT t.sourced_id = ANY(?)";
            case COURSES -> " AND (t.org_sourced_id IS NULL OR NOT t.org_sourced_id = ANY(?))";
            case CLASSES, ENROLLMENTS -> " AND (t.school_sourced_id IS NULL OR NOT t.school_sourced_id = ANY(?))";
            case USERS -> " AND (t.org_sourced_ids IS NULL OR NOT t.org_sourced_ids <@ ?)";
            case ACADEMIC_SESSIONS, DEMOGRAPHICS -> "";
        };
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + table + " t SET status = 'tobedeleted', date_last_modified = ?"
                + " WHERE t.tenant_id = ? AND t.source_id = ? AND t.status <> 'tobedeleted'"
                + " AND NOT EXISTS (SELECT 1 FROM " + stage + " s WHERE s.sourced_id = t.sourced_id)" + scope)) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setObject(2, tenantId);
            ps.setObject(3, sourceId);
            if (!scope.isEmpty()) {
                // records of schools outside the mapping are out of this source's scope: never deleted for missing
                ps.setArray(4, connection.createArrayOf("text", outOfScope.toArray()));
            }
            return ps.executeUpdate();
        }
    }

    private List<MergeResult.Duplicate> duplicates() throws SQLException {
        List<MergeResult.Duplicate> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "WITH dup AS (SELECT sourced_id, min(line) AS first_line FROM " + stage + " GROUP BY sourced_id HAVING count(*) > 1)"
                        + " SELECT s.line, s.sourced_id, d.first_line FROM " + stage + " s JOIN dup d USING (sourced_id)"
                        + " WHERE s.line <> d.first_line ORDER BY s.line");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new MergeResult.Duplicate(rs.getLong(1), rs.getString(2), rs.getLong(3)));
            }
        }
        return out;
    }
}
