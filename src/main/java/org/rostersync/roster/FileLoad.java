package org.rostersync.roster;

import org.rostersync.oneroster.RosterFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Compares one file's checked rows with the source's records of the entity and writes what differs, inside the run's
 * transaction, at about the speed of a plain COPY. The records are read first as numbers (sourcedId fingerprint, a hash
 * of their content, status, ctid) into a {@link RosterIndex}; then each row is new (streamed into the roster at once),
 * unchanged (its hash matches: not written at all), changed (merged by primary key at the end) or a repeat of an earlier
 * row. In bulk mode the records no row listed become {@code tobedeleted}. {@link SourceTable} does the writing.
 * <p>
 * A load of more records than a part holds (a million by default: the users and enrollments of a district of a million
 * students) is compared one part at a time (see {@link Partitions}). Rows that are certainly new still stream straight
 * into COPY (see {@link KeyFilter}), so a first import is as fast; the others leave only numbers on disk (about 20 bytes
 * a row), and the few found new or changed are read again from the file ({@link RowSource}).
 */
public final class FileLoad implements RowSink {

    private static final Logger LOG = LoggerFactory.getLogger(FileLoad.class);

    private final RosterFile file;
    private final boolean bulk;
    /** False when the source never deletes: a bulk file's missing records stay active. */
    private final boolean deletes;
    /** Where the rows go. */
    private final SourceTable roster;
    /** The roster's records in memory: all of them, or (for a large load) one part at a time during finish(). */
    private RosterIndex index;
    /** With parts: the current part's rows that must be written, until they are read again. */
    private final RowsToWrite toWrite = new RowsToWrite();
    /** The first line of the sourcedId that {@link #classify} last found repeated. */
    private int firstLine;
    /** A large load's spill files, or null when the whole load is compared in memory. */
    private final Partitions parts;
    /** With parts: every key of the parts on disk, roster and rows so far, to tell certainly-new rows at once. */
    private final KeyFilter seen;
    private long activeBefore;
    private final Checkpoint checkpoint;
    private long rowsAdded;
    private final StringBuilder body = new StringBuilder(512);
    private final List<MergeResult.Duplicate> duplicates = new ArrayList<>();
    /** The records that unreadable rows name, to be left as they are. */
    private final KeptRecords kept = new KeptRecords();
    private long inserted;
    private long changed;
    private long unchanged;
    private long deletedByRow;
    private long restored;
    /** Rows of the parts on disk read again from the file, to be written. */
    private long readAgain;
    private final long started = System.nanoTime();
    private long loaded;

    /** Two buffers of 64 KB a part: beyond this many, parts grow instead (only a file of hundreds of millions of rows). */
    private static final int MAX_PARTS = 128;

    FileLoad(Connection connection, RosterFile file, boolean bulk, boolean deletes, Set<String> outOfScope,
             UUID tenantId, UUID sourceId, UUID runId, Instant now, long expectedRows, Checkpoint checkpoint, long partRecords, Path scratch)
            throws SQLException {
        this.checkpoint = checkpoint;
        this.file = file;
        this.bulk = bulk;
        this.deletes = deletes;
        this.roster = new SourceTable(connection, file, bulk, tenantId, sourceId, runId, now, outOfScope, scratch);
        long existing = roster.count();
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
                roster.read(index::addFromRoster);
                activeBefore = index.activeInRoster();
            } else {
                // the first part stays in memory while the rows are read, and is compared at once: nothing of it on disk
                index = new RosterIndex(records / partCount + records / partCount / 10);
                roster.read((key, hash, tobedeleted, ctid) -> {
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
            roster.insert(sourcedId, key, hash, modified, state, values, metadata);
            inserted++;
        } else {
            parts.row(lineNumber, offset, key, hash, deleting);
        }
    }

    @Override
    public void dropReferences(org.rostersync.oneroster.Column column, List<String> sourcedIds, List<List<String>> targets)
            throws SQLException {
        roster.dropReferences(column, sourcedIds, targets);
    }

    @Override
    public void keep(long line, String sourcedId) {
        kept.add(line, Fingerprint.of(sourcedId));
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

    /** Compares one row with the roster's record and counts what it does: new, changed, unchanged, or a repeat. */
    private RowAction classify(int line, long key, long hash, boolean deleting) {
        int slot = index.find(key);
        if (slot != RosterIndex.NOT_FOUND && index.line(slot) != 0) {
            firstLine = index.line(slot);
            return RowAction.DUPLICATE;
        }
        if (slot == RosterIndex.NOT_FOUND) {
            index.addNew(key, line);
            inserted++;
            return RowAction.INSERT;
        }
        index.listed(slot, line);
        if (index.hash(slot) == hash) {
            unchanged++;
            return RowAction.NOTHING;
        }
        if (!deleting && index.hash(slot) == (hash ^ SourceTable.STRIPPED)) {
            unchanged++;
            return RowAction.REWRITE;
        }
        if (deleting && !index.tobedeleted(slot)) {
            deletedByRow++;
        } else {
            changed++;
            if (!deleting && index.tobedeleted(slot)) {
                restored++;
            }
        }
        return RowAction.CHANGE;
    }

    /** Carries out what {@link #classify} decided for the row whose text is in {@link #body}. */
    private void write(RowAction action, long line, String sourcedId, long key, long hash, Instant modified, String state, Object[] values,
                       Map<String, String> metadata) throws IOException {
        switch (action) {
            case NOTHING -> {
                // unchanged: not written
            }
            case DUPLICATE -> duplicates.add(new MergeResult.Duplicate(line, sourcedId, firstLine));
            case INSERT -> roster.insert(sourcedId, key, hash, modified, state, values, metadata);
            case CHANGE, REWRITE -> roster.change(sourcedId, key, hash, modified, body);
        }
    }

    /**
     * Ends the new rows' COPY, merges the changed rows by primary key, and in bulk mode marks the records no row listed
     * as tobedeleted. Everything stays in the run's transaction.
     */
    @Override
    public MergeResult finish(RowSource again) throws IOException, SQLException {
        long finishing = System.nanoTime();
        kept.leave(index, parts == null ? -1 : 0, parts == null ? 1 : parts.count());
        long[] missing = bulk ? index.activeNotListed() : new long[0];
        if (parts != null) {
            index = null; // the part kept in memory is done
            for (int p = 1; p < parts.count(); p++) {
                index = new RosterIndex(parts.size(p));
                toWrite.clear();
                parts.replay(p, index, new Partitions.RowVisitor() {
                    @Override
                    public void row(long line, long offset, long key, long hash, boolean deleting) {
                        RowAction action = classify((int) Math.min(line, Integer.MAX_VALUE), key, hash, deleting);
                        if (action != RowAction.NOTHING) {
                            toWrite.add(line, offset, key, hash, action, firstLine);
                        }
                    }

                    @Override
                    public void written(long line, long key) {
                        index.addNew(key, (int) Math.min(line, Integer.MAX_VALUE));
                    }
                });
                kept.leave(index, p, parts.count());
                missing = concat(missing, bulk ? index.activeNotListed() : new long[0]);
                index = null; // one part's index at a time
                writeAgain(again);
            }
        }
        long compared = System.nanoTime();
        roster.endInserts(inserted);
        long copied = System.nanoTime();
        checkpoint.reached(file.fileName() + ":merge");
        roster.mergeChanges(activeBefore);
        checkpoint.reached(file.fileName() + ":deletions");
        long merged = System.nanoTime();
        long deletedMissing = 0;
        long prevented = 0;
        if (bulk) {
            if (missing.length > 0) {
                if (deletes) {
                    deletedMissing = roster.markDeleted(missing);
                } else {
                    prevented = roster.countInScope(missing);
                }
            }
        }
        LOG.info("{}: read roster {} ms, rows {} ms, {} parts on disk {} ms ({} rows read again), new records {} ms, changed records"
                        + " {} ms, deletions {} ms ({} new, {} changed, {} unchanged, {} deleted)", file.fileName(), (loaded - started) / 1_000_000,
                (finishing - loaded) / 1_000_000, parts == null ? 0 : parts.count() - 1, (compared - finishing) / 1_000_000, readAgain,
                (copied - compared) / 1_000_000, (merged - copied) / 1_000_000, (System.nanoTime() - merged) / 1_000_000, inserted,
                changed + deletedByRow, unchanged, deletedByRow + deletedMissing);
        return new MergeResult(inserted, changed, unchanged, deletedByRow + deletedMissing, restored, activeBefore, prevented,
                List.copyOf(duplicates), kept.withoutRecord());
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

    private static long[] concat(long[] a, long[] b) {
        long[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Abandons a load that did not finish, so that the transaction can roll back; removes its files. */
    @Override
    public void close() throws SQLException {
        try {
            roster.close();
        } finally {
            if (parts != null) {
                try {
                    parts.close();
                } catch (IOException e) {
                    LOG.warn("Cannot remove the spill files of {}", file.fileName(), e);
                }
            }
        }
    }
}
