package org.rostersync.roster;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.CopyOut;
import org.postgresql.copy.PGCopyOutputStream;
import org.rostersync.oneroster.RosterFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.Set;
import java.util.UUID;

/**
 * One source's records of one roster table, in the run's transaction: how many there are, reading them as numbers, and
 * every write a load makes. New records stream in by binary COPY as they come; changed ones wait in a file of the
 * run's scratch folder and are merged by primary key at the end; records a bulk file no longer lists are marked
 * {@code tobedeleted} by ctid. {@link FileLoad} decides which is which.
 */
final class SourceTable implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SourceTable.class);

    private final Connection connection;
    private final PGConnection pg;
    private final CopyManager copyApi;
    private final QueryPlans plans;
    private final RosterFile file;
    private final String table;
    private final String columns;
    private final boolean bulk;
    private final UUID tenantId;
    private final UUID sourceId;
    /** The run writing: recorded with every record it inserts, and in the change log of what it changed. */
    private final UUID runId;
    private final Instant now;
    /** Schools outside the source's school mapping (read at the end: orgs.csv fills it as it is read). */
    private final Set<String> outOfScope;
    private final Path scratch;
    private PGCopyOutputStream insertCopy;
    /** The new records' encoder and a row of values for it, made when the first new record comes. */
    private BinaryCopy binary;
    private Object[] insertRow;
    private Path changedFile;
    private Writer changes;
    private final StringBuilder out = new StringBuilder(640);
    /** Changed rows written to the staging file, to be merged by key. */
    private long staged;

    SourceTable(Connection connection, RosterFile file, boolean bulk, UUID tenantId, UUID sourceId, UUID runId, Instant now,
                Set<String> outOfScope, Path scratch) throws SQLException {
        this.runId = runId;
        this.connection = connection;
        this.pg = connection.unwrap(PGConnection.class);
        this.copyApi = pg.getCopyAPI();
        this.plans = new QueryPlans(connection);
        this.file = file;
        this.table = RosterTable.name(file);
        this.columns = RosterTable.columnList(file, "");
        this.bulk = bulk;
        this.tenantId = tenantId;
        this.sourceId = sourceId;
        this.now = now;
        this.outOfScope = outOfScope;
        this.scratch = scratch;
    }

    /** How many records of the entity the source has. */
    long count() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT count(*) FROM " + table + " WHERE tenant_id = ? AND source_id = ?")) {
            ps.setObject(1, tenantId);
            ps.setObject(2, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The source's records of the entity, as the run begins. */
    void read(RosterRows.Sink sink) throws SQLException {
        // COPY in binary: no number is formatted as text on the server or parsed on this side (4x faster than a cursor).
        // COPY takes no parameters: the two ids are UUIDs, never text from a request.
        String query = "COPY (SELECT sourced_id_fp, CASE WHEN sourced_id_fp IS NULL OR row_hash IS NULL THEN sourced_id END,"
                + " coalesce(row_hash, 0), status = 'tobedeleted', ctid FROM " + table + " WHERE tenant_id = '" + tenantId
                + "' AND source_id = '" + sourceId + "') TO STDOUT (FORMAT binary)";
        CopyOut copy = copyApi.copyOut(query);
        try {
            RosterRows.read(copy, sink);
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** A changed row, for the merge at the end: sourcedId, key, hash, date, then the row's text (status, metadata, values). */
    void change(String sourcedId, long key, long hash, Instant modified, CharSequence row) throws IOException {
        Writer to = changes();
        staged++;
        out.setLength(0);
        CopyText.append(out, sourcedId);
        out.append('\t').append(key).append('\t').append(hash).append('\t');
        out.append(modified == null ? now : modified).append('\t');
        out.append(row).append('\n');
        to.append(out);
    }

    /** A new record, in binary (see {@link BinaryCopy}): the server stores it without parsing a value. */
    void insert(String sourcedId, long key, long hash, Instant modified, String state, Object[] values,
                        Map<String, String> metadata) throws IOException {
        PGCopyOutputStream copy = inserts();
        Object[] row = insertRow;
        int i = 0;
        row[i++] = tenantId;
        row[i++] = sourceId;
        row[i++] = sourcedId;
        row[i++] = key;
        row[i++] = hash;
        if (!bulk) {
            row[i++] = modified == null ? now : modified;
        }
        row[i++] = state;
        row[i++] = metadata.isEmpty() ? null : metadata;
        row[i++] = runId;
        System.arraycopy(values, 0, row, i, values.length);
        binary.row(row);
        copy.write(binary.bytes(), 0, binary.length());
    }

    private PGCopyOutputStream inserts() throws IOException {
        if (insertCopy == null) {
            // bulk rows leave date_last_modified to its default, now(): the run's transaction time
            List<String> names = new ArrayList<>(List.of("tenant_id", "source_id", "sourced_id", "sourced_id_fp", "row_hash"));
            if (!bulk) {
                names.add("date_last_modified");
            }
            names.addAll(List.of("status", "metadata", "inserted_by"));
            file.columns().forEach(c -> names.add(RosterTable.column(c)));
            try {
                binary = new BinaryCopy(BinaryCopy.typesOf(connection, table, names)); // before the COPY: it holds the connection
                insertRow = new Object[names.size()];
                insertCopy = new PGCopyOutputStream(pg, "COPY " + table + " (tenant_id, source_id, sourced_id, sourced_id_fp, row_hash, "
                        + (bulk ? "" : "date_last_modified, ") + "status, metadata, inserted_by, " + columns + ") FROM STDIN (FORMAT binary)", 1 << 16);
            } catch (SQLException e) {
                throw new IOException("cannot start COPY into " + table + ": " + e.getMessage(), e);
            }
            insertCopy.write(BinaryCopy.HEADER);
        }
        return insertCopy;
    }

    private Writer changes() throws IOException {
        if (changes == null) {
            changedFile = Files.createTempFile(scratch, "changes", ".copy");
            changes = new BufferedWriter(Files.newBufferedWriter(changedFile, StandardCharsets.UTF_8), 1 << 16);
        }
        return changes;
    }

    /**
     * Ends the new records' COPY; with many of them, fresh statistics for what reads the roster next (later files, the API).
     */
    void endInserts(long inserted) throws IOException, SQLException {
        if (insertCopy != null) {
            insertCopy.write(BinaryCopy.TRAILER);
            insertCopy.endCopy();
        }
        if (inserted > 10_000) {
            execute("ANALYZE " + table);
        }
    }

    /**
     * The changed rows, if any: COPY'd into a staging table, then one UPDATE joining on the primary key.
     *
     * @param activeBefore the source's active records: a few changes among many are merged by probing the key
     */
    void mergeChanges(long activeBefore) throws IOException, SQLException {
        if (changes == null) {
            return;
        }
        changes.close();
        String stage = "stage_" + table;
        execute("CREATE TEMP TABLE " + stage + " ON COMMIT DROP AS SELECT sourced_id, sourced_id_fp, row_hash, date_last_modified, status, metadata, "
                + columns + " FROM " + table + " WITH NO DATA");
        try (Reader in = Files.newBufferedReader(changedFile, StandardCharsets.UTF_8)) {
            copyApi.copyIn("COPY " + stage + " (sourced_id, sourced_id_fp, row_hash, date_last_modified, status, metadata, " + columns
                    + ") FROM STDIN", in);
        } finally {
            Files.deleteIfExists(changedFile);
        }
        // fresh statistics: the join probes the primary key per staged row instead of scanning the roster
        execute("ANALYZE " + stage);
        logChanges(stage, activeBefore);
        String sets = file.columns().stream()
                .map(c -> "\"" + RosterTable.column(c) + "\" = s.\"" + RosterTable.column(c) + "\"")
                .reduce((a, b) -> a + ", " + b).orElseThrow();
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + table + " t SET sourced_id_fp = s.sourced_id_fp, row_hash = s.row_hash, status = s.status,"
                + " date_last_modified = s.date_last_modified, metadata = s.metadata, " + sets + " FROM " + stage + " s"
                + " WHERE t.tenant_id = ? AND t.source_id = ? AND t.sourced_id = s.sourced_id")) {
            ps.setObject(1, tenantId);
            ps.setObject(2, sourceId);
            if (staged * 10 < activeBefore) {
                plans.byKey(ps::executeUpdate);
            } else {
                ps.executeUpdate();
            }
        }
        execute("DROP TABLE " + stage);
    }

    /**
     * Writes the change log of the staged rows, before they are merged: what each changes, from the record as it is to
     * the row. A row that changes nothing the log shows (a reference taken out again, see {@link #STRIPPED}) is left out.
     */
    private void logChanges(String stage, long activeBefore) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO run_change (run_id, tenant_id, source_id, file, op, sourced_id,"
                + " name, school, fields) SELECT ?, ?, ?, ?, c.op, c.sourced_id, c.name, c.school, c.fields FROM (SELECT CASE"
                + " WHEN t.status = 'tobedeleted' AND s.status <> 'tobedeleted' THEN 'restored'"
                + " WHEN s.status = 'tobedeleted' AND t.status <> 'tobedeleted' THEN 'withdrawn' ELSE 'changed' END AS op,"
                + " s.sourced_id, " + RosterTable.nameSql(file, "s") + " AS name, " + RosterTable.schoolSql(file, "s") + " AS school, "
                + RosterTable.differenceSql(file, "t", "s") + " AS fields FROM " + stage + " s JOIN " + table + " t"
                // OFFSET 0: the subquery is not folded into the outer one, so each row's differences are computed once, not
                // once for the WHERE and again for the insert (a quarter of the log's time on a night's 1%)
                + " ON t.tenant_id = ? AND t.source_id = ? AND t.sourced_id = s.sourced_id OFFSET 0) c WHERE c.fields <> '{}'::jsonb")) {
            int p = ChangeLog.logged(ps, 1, runId, tenantId, sourceId, file);
            ps.setObject(p++, tenantId);
            ps.setObject(p, sourceId);
            if (staged * 10 < activeBefore) {
                plans.byKey(ps::executeUpdate);
            } else {
                ps.executeUpdate();
            }
        }
    }

    /**
     * Marks a stored hash as that of a record whose row named a record of its own file that never came, and which was
     * stored without that reference ({@link #dropReferences}): the same row next time is written again (the target may
     * have come), but counted as unchanged.
     */
    static final long STRIPPED = 0x9E3779B97F4A7C15L;

    /**
     * Takes references to records of the file that never came out of the records that hold them, so that no served link
     * leads nowhere: a single reference becomes null, a list loses those ids. Only a record still holding the id is
     * changed (one the run did not write was stripped already), and its hash is marked {@link #STRIPPED}.
     *
     * @param column    the referencing column
     * @param sourcedIds the records, each with the ids to take out of it in {@code targets} (same index)
     */
    void dropReferences(org.rostersync.oneroster.Column column, List<String> sourcedIds, List<List<String>> targets) throws SQLException {
        String col = "\"" + RosterTable.column(column) + "\"";
        boolean list = column.type() == org.rostersync.oneroster.ColumnType.LIST;
        String set = list ? col + " = NULLIF(ARRAY(SELECT x FROM unnest(" + col + ") x WHERE NOT x = ANY(?::text[])), '{}')"
                : col + " = NULL";
        String holds = list ? col + " && ?::text[]" : col + " = ANY(?::text[])";
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + table + " SET " + set + ", row_hash = row_hash # ?"
                + " WHERE tenant_id = ? AND source_id = ? AND sourced_id = ? AND " + holds)) {
            for (int i = 0; i < sourcedIds.size(); i++) {
                java.sql.Array ids = connection.createArrayOf("text", targets.get(i).toArray());
                int p = 1;
                if (list) {
                    ps.setArray(p++, ids);
                }
                ps.setLong(p++, STRIPPED);
                ps.setObject(p++, tenantId);
                ps.setObject(p++, sourceId);
                ps.setString(p++, sourcedIds.get(i));
                ps.setArray(p, ids);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Bulk: the records no row listed become tobedeleted, except those of schools outside the mapping. */
    long markDeleted(long[] ctids) throws SQLException {
        String scope = scopeClause();
        // row_hash is cleared: the hash describes the active record, so one that comes back is rewritten (restored);
        // each withdrawal goes to the change log in the same statement
        try (PreparedStatement ps = connection.prepareStatement("WITH gone AS (UPDATE " + table + " t SET status = 'tobedeleted',"
                + " date_last_modified = ?, row_hash = NULL WHERE t.ctid = ANY(?::tid[]) AND t.tenant_id = ? AND t.source_id = ?" + scope
                + " RETURNING t.sourced_id, " + RosterTable.nameSql(file, "t") + " AS name, " + RosterTable.schoolSql(file, "t") + " AS school),"
                + " logged AS (INSERT INTO run_change (run_id, tenant_id, source_id, file, op, sourced_id, name, school)"
                + " SELECT ?, ?, ?, ?, 'withdrawn', sourced_id, name, school FROM gone) SELECT count(*) FROM gone")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, QueryPlans.tidArray(ctids));
            ps.setObject(3, tenantId);
            ps.setObject(4, sourceId);
            int p = 5;
            if (!scope.isEmpty()) {
                ps.setArray(p++, connection.createArrayOf("text", outOfScope.toArray()));
            }
            ChangeLog.logged(ps, p, runId, tenantId, sourceId, file);
            return plans.byTid(() -> {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
        }
    }

    /** Never deleting: how many records would have become tobedeleted. */
    long countInScope(long[] ctids) throws SQLException {
        String scope = scopeClause();
        try (PreparedStatement ps = connection.prepareStatement("SELECT count(*) FROM " + table + " t"
                + " WHERE t.ctid = ANY(?::tid[]) AND t.tenant_id = ? AND t.source_id = ?" + scope)) {
            ps.setString(1, QueryPlans.tidArray(ctids));
            ps.setObject(2, tenantId);
            ps.setObject(3, sourceId);
            if (!scope.isEmpty()) {
                ps.setArray(4, connection.createArrayOf("text", outOfScope.toArray()));
            }
            return plans.byTid(() -> {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
        }
    }

    /** Records of schools outside the mapping are out of this source's scope: never deleted for missing. */
    private String scopeClause() {
        return outOfScope.isEmpty() ? "" : switch (file) {
            case ORGS -> " AND NOT t.sourced_id = ANY(?)";
            case COURSES -> " AND (t.org_sourced_id IS NULL OR NOT t.org_sourced_id = ANY(?))";
            case CLASSES, ENROLLMENTS -> " AND (t.school_sourced_id IS NULL OR NOT t.school_sourced_id = ANY(?))";
            case USERS -> " AND (t.org_sourced_ids IS NULL OR NOT t.org_sourced_ids <@ ?)";
            case ACADEMIC_SESSIONS, DEMOGRAPHICS -> "";
        };
    }

    private void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    /** Abandons writes that did not finish, so that the transaction can roll back; removes the changed rows' file. */
    @Override
    public void close() throws SQLException {
        if (insertCopy != null && insertCopy.isActive()) {
            insertCopy.cancelCopy();
        }
        if (changes != null) {
            try {
                changes.close();
                Files.deleteIfExists(changedFile);
            } catch (IOException e) {
                LOG.warn("Cannot remove {}", changedFile, e);
            }
        }
    }
}
