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
 * Writes one file's checked rows into the roster inside the run's transaction, at about the speed of a plain COPY.
 * The source's records of the entity are read first (sourcedId, a hash of their content, status, ctid) into a
 * {@link RosterIndex}; then each row is new (streamed by COPY straight into the roster table), unchanged (its content
 * hash matches: not written at all), or changed (spilled to a file, COPY'd into a small staging table and merged by
 * primary key at the end). In bulk mode the records no row listed become {@code tobedeleted}, found by their ctid: the
 * run's advisory lock and its share lock on the table keep those from moving before the end of the transaction.
 * <p>
 * A load of more records than a part holds (a million by default: the users and enrollments of a district of a million
 * students) is compared one part at a time (see {@link Partitions}). Rows that are certainly new still stream straight
 * into COPY (see {@link KeyFilter}), so a first import is as fast; the others leave only numbers on disk (34 bytes a
 * row), and the few found new or changed are read again from the file ({@link RowSource}).
 */
public final class FileLoad implements RowSink {

    private static final Logger LOG = LoggerFactory.getLogger(FileLoad.class);

    private final Connection connection;
    private final PGConnection pg;
    private final CopyManager copyApi;
    private final RosterFile file;
    private final boolean bulk;
    /** False when the source never deletes: a bulk file's missing records stay active. */
    private final boolean deletes;
    /** Schools outside the source's school mapping (read at the end: orgs.csv fills it as it is read). */
    private final Set<String> outOfScope;
    private final UUID tenantId;
    private final UUID sourceId;
    private final Instant now;
    private final String table;
    private final String columns;
    /** The roster's records in memory: all of them, or (for a large load) one part at a time during finish(). */
    private RosterIndex index;
    /** With parts: the current part's rows that must be written, until they are read again. */
    private final ToWrite toWrite = new ToWrite();
    /** The first line of the sourcedId that {@link #classify} last found repeated. */
    private int firstLine;
    /** A large load's spill files, or null when the whole load is compared in memory. */
    private final Partitions parts;
    /** With parts: every key of the parts on disk, roster and rows so far, to tell certainly-new rows at once. */
    private final KeyFilter seen;
    private long activeBefore;
    private final Checkpoint checkpoint;
    /** Where the changed rows and a large load's parts are kept on disk. */
    private final Path scratch;
    private long rowsAdded;
    private final StringBuilder body = new StringBuilder(512);
    private final StringBuilder out = new StringBuilder(640);
    private final List<MergeResult.Duplicate> duplicates = new ArrayList<>();
    private PGCopyOutputStream insertCopy;
    /** The new records' encoder and a row of values for it, made when the first new record comes. */
    private BinaryCopy binary;
    private Object[] insertRow;
    private Path changedFile;
    private Writer changes;
    private long inserted;
    private long changed;
    private long unchanged;
    private long deletedByRow;
    private long restored;
    /** Changed rows written to the staging file, to be merged by key. */
    private long staged;
    /** Rows of the parts on disk read again from the file, to be written. */
    private long readAgain;
    private final long started = System.nanoTime();
    private long loaded;

    /** Two buffers of 64 KB a part: beyond this many, parts grow instead (only a file of hundreds of millions of rows). */
    private static final int MAX_PARTS = 128;

    FileLoad(Connection connection, PGConnection pg, RosterFile file, boolean bulk, boolean deletes, Set<String> outOfScope,
             UUID tenantId, UUID sourceId, Instant now, long expectedRows, Checkpoint checkpoint, long partRecords, Path scratch)
            throws SQLException {
        this.scratch = scratch;
        this.checkpoint = checkpoint;
        this.connection = connection;
        this.pg = pg;
        this.copyApi = pg.getCopyAPI();
        this.file = file;
        this.bulk = bulk;
        this.deletes = deletes;
        this.outOfScope = outOfScope;
        this.tenantId = tenantId;
        this.sourceId = sourceId;
        this.now = now;
        this.table = RosterTable.name(file);
        this.columns = RosterTable.columnList(file, "");
        long existing = count();
        long records = Math.max(existing, expectedRows);
        int partCount = (int) Math.min(MAX_PARTS, (records + partRecords - 1) / partRecords);
        try {
            this.parts = partCount > 1 ? new Partitions(partCount, scratch) : null;
        } catch (IOException e) {
            throw new SQLException("cannot make spill files for " + file.fileName() + ": " + e.getMessage(), e);
        }
        // on most nights the file and the roster hold the same keys: sized for the larger, with a quarter to spare
        long spilled = parts == null ? 0 : records - records / partCount;
        this.seen = parts == null ? null : new KeyFilter(spilled + spilled / 4);
        try {
            if (parts == null) {
                // the file's rows mostly match the roster's records: size for the larger of the two, and grow if need be
                index = new RosterIndex(records);
                load(existing, index::addFromRoster);
                activeBefore = index.activeInRoster();
            } else {
                // the first part stays in memory while the rows are read, and is compared at once: nothing of it on disk
                index = new RosterIndex(records / partCount + records / partCount / 10);
                load(existing, (key, hash, tobedeleted, ctid) -> {
                    if (parts.resident(key)) {
                        index.addFromRoster(key, hash, tobedeleted, ctid);
                    } else {
                        parts.roster(key, hash, tobedeleted, ctid);
                        seen.add(key);
                    }
                    activeBefore += tobedeleted ? 0 : 1;
                });
            }
        } catch (SQLException | RuntimeException e) {
            close(); // no caller will: the spill files go now
            throw e;
        }
        this.loaded = System.nanoTime();
    }

    private long count() throws SQLException {
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
    private void load(long existing, RosterRows.Sink sink) throws SQLException {
        if (existing == 0) {
            return;
        }
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

    /** Writes one valid row, or sees that the roster already holds it. */
    @Override
    public void add(long lineNumber, long offset, String sourcedId, String status, Instant modified, Object[] values,
                    Map<String, String> metadata) throws IOException {
        if (checkpoint.enabled()) {
            checkpoint.reached(file.fileName() + ":row:" + ++rowsAdded);
        }
        String state = status == null ? "active" : status;
        encode(state, values, metadata);
        long hash = Fingerprint.of(body);
        long key = Fingerprint.of(sourcedId);
        boolean deleting = state.equals("tobedeleted");
        int line = (int) Math.min(lineNumber, Integer.MAX_VALUE);
        if (parts == null || parts.resident(key)) {
            write(classify(line, key, hash, deleting), lineNumber, sourcedId, key, hash, modified, state, values, metadata);
        } else if (!seen.add(key)) {
            // certainly new (no record, no earlier row has the key): COPY it now, while the next rows are read
            parts.written(lineNumber, key);
            insert(sourcedId, key, hash, modified, state, values, metadata);
            inserted++;
        } else {
            parts.row(lineNumber, offset, key, hash, deleting);
        }
    }

    /** The row's COPY text after its key: status, metadata and values, into {@link #body}. */
    private void encode(String state, Object[] values, Map<String, String> metadata) {
        body.setLength(0);
        CopyText.append(body, state);
        body.append('\t');
        CopyText.append(body, metadata.isEmpty() ? null : metadata);
        for (Object value : values) {
            body.append('\t');
            CopyText.append(body, value);
        }
    }

    /** What a row does to the roster. */
    private enum Action {
        NOTHING, INSERT, CHANGE, DUPLICATE
    }

    /** Compares one row with the roster's record and counts what it does: new, changed, unchanged, or a repeat. */
    private Action classify(int line, long key, long hash, boolean deleting) {
        int slot = index.find(key);
        if (slot != RosterIndex.NOT_FOUND && index.line(slot) != 0) {
            firstLine = index.line(slot);
            return Action.DUPLICATE;
        }
        if (slot == RosterIndex.NOT_FOUND) {
            index.addNew(key, line);
            inserted++;
            return Action.INSERT;
        }
        index.listed(slot, line);
        if (index.hash(slot) == hash) {
            unchanged++;
            return Action.NOTHING;
        }
        if (deleting && !index.tobedeleted(slot)) {
            deletedByRow++;
        } else {
            changed++;
            if (!deleting && index.tobedeleted(slot)) {
                restored++;
            }
        }
        return Action.CHANGE;
    }

    /** Carries out what {@link #classify} decided for the row whose text is in {@link #body}. */
    private void write(Action action, long line, String sourcedId, long key, long hash, Instant modified, String state, Object[] values,
                       Map<String, String> metadata) throws IOException {
        switch (action) {
            case NOTHING -> {
                // unchanged: not written
            }
            case DUPLICATE -> duplicates.add(new MergeResult.Duplicate(line, sourcedId, firstLine));
            case INSERT -> insert(sourcedId, key, hash, modified, state, values, metadata);
            case CHANGE -> {
                write(changes(), sourcedId, key, hash, modified, body);
                staged++;
            }
        }
    }

    /** A changed row's line for the staging table: sourcedId, key, hash, date, then the text in {@link #body}. */
    private void write(Writer to, String sourcedId, long key, long hash, Instant modified, CharSequence row) throws IOException {
        out.setLength(0);
        CopyText.append(out, sourcedId);
        out.append('\t').append(key).append('\t').append(hash).append('\t');
        out.append(modified == null ? now : modified).append('\t');
        out.append(row).append('\n');
        to.append(out);
    }

    /** A new record, in binary (see {@link BinaryCopy}): the server stores it without parsing a value. */
    private void insert(String sourcedId, long key, long hash, Instant modified, String state, Object[] values,
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
            names.addAll(List.of("status", "metadata"));
            file.columns().forEach(c -> names.add(RosterTable.column(c)));
            try {
                binary = new BinaryCopy(BinaryCopy.typesOf(connection, table, names)); // before the COPY: it holds the connection
                insertRow = new Object[names.size()];
                insertCopy = new PGCopyOutputStream(pg, "COPY " + table + " (tenant_id, source_id, sourced_id, sourced_id_fp, row_hash, "
                        + (bulk ? "" : "date_last_modified, ") + "status, metadata, " + columns + ") FROM STDIN (FORMAT binary)", 1 << 16);
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
     * Ends the new rows' COPY, merges the changed rows by primary key, and in bulk mode marks the records no row listed
     * as tobedeleted. Everything stays in the run's transaction.
     */
    @Override
    public MergeResult finish(RowSource again) throws IOException, SQLException {
        long finishing = System.nanoTime();
        long[] missing = bulk ? index.activeNotListed() : new long[0];
        if (parts != null) {
            index = null; // the part kept in memory is done
            for (int p = 1; p < parts.count(); p++) {
                index = new RosterIndex(parts.size(p));
                toWrite.clear();
                parts.replay(p, index, new Partitions.RowVisitor() {
                    @Override
                    public void row(long line, long offset, long key, long hash, boolean deleting) {
                        Action action = classify((int) Math.min(line, Integer.MAX_VALUE), key, hash, deleting);
                        if (action != Action.NOTHING) {
                            toWrite.add(line, offset, key, hash, action, firstLine);
                        }
                    }

                    @Override
                    public void written(long line, long key) {
                        index.addNew(key, (int) Math.min(line, Integer.MAX_VALUE));
                    }
                });
                missing = concat(missing, bulk ? index.activeNotListed() : new long[0]);
                index = null; // one part's index at a time
                writeAgain(again);
            }
        }
        long compared = System.nanoTime();
        if (insertCopy != null) {
            insertCopy.write(BinaryCopy.TRAILER);
            insertCopy.endCopy();
        }
        if (inserted > 10_000) {
            // fresh statistics for what reads the roster next: later files, the API
            execute("ANALYZE " + table);
        }
        long copied = System.nanoTime();
        checkpoint.reached(file.fileName() + ":merge");
        if (changes != null) {
            changes.close();
            mergeChanges();
        }
        checkpoint.reached(file.fileName() + ":deletions");
        long merged = System.nanoTime();
        long deletedMissing = 0;
        long prevented = 0;
        if (bulk) {
            if (missing.length > 0) {
                if (deletes) {
                    deletedMissing = markDeleted(missing);
                } else {
                    prevented = countInScope(missing);
                }
            }
        }
        LOG.info("{}: read roster {} ms, rows {} ms, {} parts on disk {} ms ({} rows read again), new records {} ms, changed records"
                        + " {} ms, deletions {} ms ({} new, {} changed, {} unchanged, {} deleted)", file.fileName(), (loaded - started) / 1_000_000,
                (finishing - loaded) / 1_000_000, parts == null ? 0 : parts.count() - 1, (compared - finishing) / 1_000_000, readAgain,
                (copied - compared) / 1_000_000, (merged - copied) / 1_000_000, (System.nanoTime() - merged) / 1_000_000, inserted,
                changed + deletedByRow, unchanged, deletedByRow + deletedMissing);
        return new MergeResult(inserted, changed, unchanged, deletedByRow + deletedMissing, restored, activeBefore, prevented,
                List.copyOf(duplicates));
    }

    /** The current part's rows to write, read again from the file: each must read as it did the first time. */
    private void writeAgain(RowSource again) throws IOException {
        int[] next = {0};
        readAgain += toWrite.size;
        again.reread(toWrite.offsets, toWrite.lines, toWrite.size, (line, offset, sourcedId, status, modified, values, metadata) -> {
            int i = next[0]++;
            encode(status == null ? "active" : status, values, metadata);
            long key = Fingerprint.of(sourcedId);
            if (i >= toWrite.size || line != toWrite.lines[i] || key != toWrite.keys[i] || Fingerprint.of(body) != toWrite.hashes[i]) {
                throw new IOException(file.fileName() + " line " + line + " read again is not the row first read there");
            }
            firstLine = toWrite.firstLines[i];
            write(toWrite.actions[i], line, sourcedId, key, toWrite.hashes[i], modified, status == null ? "active" : status, values, metadata);
        });
        if (next[0] != toWrite.size) {
            throw new IOException(file.fileName() + ": " + toWrite.size + " rows were to be read again, " + next[0] + " came");
        }
        toWrite.clear();
    }

    /** Rows of one part to be read again and written, with what to do with each: at most a part's rows, 40 bytes each. */
    private static final class ToWrite {
        long[] offsets = new long[1024];
        long[] lines = new long[1024];
        long[] keys = new long[1024];
        long[] hashes = new long[1024];
        Action[] actions = new Action[1024];
        int[] firstLines = new int[1024];
        int size;

        void add(long line, long offset, long key, long hash, Action action, int firstLine) {
            if (size == offsets.length) {
                int length = size * 2;
                offsets = java.util.Arrays.copyOf(offsets, length);
                lines = java.util.Arrays.copyOf(lines, length);
                keys = java.util.Arrays.copyOf(keys, length);
                hashes = java.util.Arrays.copyOf(hashes, length);
                actions = java.util.Arrays.copyOf(actions, length);
                firstLines = java.util.Arrays.copyOf(firstLines, length);
            }
            offsets[size] = offset;
            lines[size] = line;
            keys[size] = key;
            hashes[size] = hash;
            actions[size] = action;
            firstLines[size++] = firstLine;
        }

        void clear() {
            size = 0;
        }
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The changed rows: COPY'd into a staging table, then one UPDATE joining on the primary key. */
    private void mergeChanges() throws IOException, SQLException {
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
        String sets = file.columns().stream()
                .map(c -> "\"" + RosterTable.column(c) + "\" = s.\"" + RosterTable.column(c) + "\"")
                .reduce((a, b) -> a + ", " + b).orElseThrow();
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + table + " t SET sourced_id_fp = s.sourced_id_fp, row_hash = s.row_hash, status = s.status,"
                + " date_last_modified = s.date_last_modified, metadata = s.metadata, " + sets + " FROM " + stage + " s"
                + " WHERE t.tenant_id = ? AND t.source_id = ? AND t.sourced_id = s.sourced_id")) {
            ps.setObject(1, tenantId);
            ps.setObject(2, sourceId);
            if (staged * 10 < activeBefore) {
                byKey(ps::executeUpdate);
            } else {
                ps.executeUpdate();
            }
        }
        execute("DROP TABLE " + stage);
    }

    /** Bulk: the records no row listed become tobedeleted, except those of schools outside the mapping. */
    private long markDeleted(long[] ctids) throws SQLException {
        String scope = scopeClause();
        // row_hash is cleared: the hash describes the active record, so one that comes back is rewritten (restored)
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + table + " t SET status = 'tobedeleted', date_last_modified = ?,"
                + " row_hash = NULL WHERE t.ctid = ANY(?::tid[]) AND t.tenant_id = ? AND t.source_id = ?" + scope)) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, tidArray(ctids));
            ps.setObject(3, tenantId);
            ps.setObject(4, sourceId);
            if (!scope.isEmpty()) {
                ps.setArray(5, connection.createArrayOf("text", outOfScope.toArray()));
            }
            return byTid(ps::executeUpdate);
        }
    }

    /**
     * Runs a join that probes the primary key once per staged row: a night's few changes would otherwise be merged by
     * hashing them and scanning every record of the source (at a million students, 3 s of reading a roster larger than
     * the server's buffers, for 1% of it).
     */
    private <T> T byKey(SqlCall<T> statement) throws SQLException {
        execute("SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off");
        try {
            return statement.call();
        } finally {
            execute("SET LOCAL enable_hashjoin = on; SET LOCAL enable_mergejoin = on");
        }
    }

    /**
     * Runs a statement that finds rows by ctid with a TID scan, whatever the statistics say: with a table not analyzed
     * since a bulk load the planner took the primary key's (tenant, source) prefix for one row and filtered every record
     * of the source against the array (17 s for 409 users of 409,000).
     */
    private <T> T byTid(SqlCall<T> statement) throws SQLException {
        execute("SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off; SET LOCAL enable_seqscan = off");
        try {
            return statement.call();
        } finally {
            execute("SET LOCAL enable_indexscan = on; SET LOCAL enable_bitmapscan = on; SET LOCAL enable_seqscan = on");
        }
    }

    @FunctionalInterface
    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    /** Never deleting: how many records would have become tobedeleted. */
    private long countInScope(long[] ctids) throws SQLException {
        String scope = scopeClause();
        try (PreparedStatement ps = connection.prepareStatement("SELECT count(*) FROM " + table + " t"
                + " WHERE t.ctid = ANY(?::tid[]) AND t.tenant_id = ? AND t.source_id = ?" + scope)) {
            ps.setString(1, tidArray(ctids));
            ps.setObject(2, tenantId);
            ps.setObject(3, sourceId);
            if (!scope.isEmpty()) {
                ps.setArray(4, connection.createArrayOf("text", outOfScope.toArray()));
            }
            return byTid(() -> {
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

    /** {@code (block,offset)} → block << 16 | offset: a heap tuple's offset fits 16 bits. */
    static long ctid(String text) {
        int comma = text.indexOf(',');
        return Long.parseLong(text, 1, comma, 10) << 16 | Long.parseLong(text, comma + 1, text.length() - 1, 10);
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

    /** Abandons a load that did not finish, so that the transaction can roll back. */
    @Override
    public void close() throws SQLException {
        if (insertCopy != null && insertCopy.isActive()) {
            insertCopy.cancelCopy();
        }
        if (parts != null) {
            try {
                parts.close();
            } catch (IOException e) {
                LOG.warn("Cannot remove the spill files of {}", file.fileName(), e);
            }
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
