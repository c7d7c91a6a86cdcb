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
    private final ToWrite toWrite = new ToWrite();
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
    /** The fingerprints of records that unreadable rows name, to be left as they are, and those rows' lines. */
    private long[] keptKeys = new long[16];
    private long[] keptLines = new long[16];
    private int kept;
    /** Of those, the ones with no active record to leave. */
    private final List<Long> keptWithoutRecord = new ArrayList<>();
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
             UUID tenantId, UUID sourceId, Instant now, long expectedRows, Checkpoint checkpoint, long partRecords, Path scratch)
            throws SQLException {
        this.checkpoint = checkpoint;
        this.file = file;
        this.bulk = bulk;
        this.deletes = deletes;
        this.roster = new SourceTable(connection, file, bulk, tenantId, sourceId, now, outOfScope, scratch);
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
        if (kept == keptKeys.length) {
            keptKeys = java.util.Arrays.copyOf(keptKeys, kept * 2);
            keptLines = java.util.Arrays.copyOf(keptLines, kept * 2);
        }
        keptKeys[kept] = Fingerprint.of(sourcedId);
        keptLines[kept++] = line;
    }

    /**
     * Marks the records of the index that unreadable rows name as listed, once every row has been compared, so that they
     * are neither withdrawn nor taken for a repeat of a later row; notes those without an active record.
     *
     * @param part the part the index holds, or -1 for all of them
     */
    private void leaveKept(int part) {
        for (int i = 0; i < kept; i++) {
            long key = keptKeys[i];
            if (part >= 0 && Fingerprint.part(key, parts.count()) != part) {
                continue;
            }
            int slot = index.find(key);
            if (slot == RosterIndex.NOT_FOUND) {
                keptWithoutRecord.add(key);
            } else if (index.line(slot) == 0) { // a record of the roster (a row's would have its line) no readable row listed
                if (index.tobedeleted(slot)) {
                    keptWithoutRecord.add(key);
                }
                index.listed(slot, (int) Math.min(keptLines[i], Integer.MAX_VALUE));
            }
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
        /** Unchanged: nothing written. */
        NOTHING,
        INSERT,
        CHANGE,
        /** Unchanged, but stored without references that led nowhere: written again, in case their targets came. */
        REWRITE,
        DUPLICATE
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
        if (!deleting && index.hash(slot) == (hash ^ SourceTable.STRIPPED)) {
            unchanged++;
            return Action.REWRITE;
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
        leaveKept(parts == null ? -1 : 0);
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
                leaveKept(p);
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
                List.copyOf(duplicates), List.copyOf(keptWithoutRecord));
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
