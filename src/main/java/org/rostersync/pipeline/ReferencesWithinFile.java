package org.rostersync.pipeline;

import org.rostersync.oneroster.Column;
import org.rostersync.oneroster.Fields;
import org.rostersync.oneroster.RosterFile;
import org.rostersync.report.IssueCode;
import org.rostersync.report.Outcome;
import org.rostersync.roster.Fingerprint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The references of a file's records to records of the same file (an org's parent, a session's parent, a user's
 * agents), which may point forward: those whose target was not seen yet are remembered as they come, by fingerprint,
 * and settled at the file's end. Those that found nothing are reported as errors and taken out of the records already
 * written, so that no served link leads nowhere.
 */
final class ReferencesWithinFile {

    /** Missing forward targets beyond this many are counted without their details: the report keeps no more. */
    static final int DETAILED = RunIssues.PER_CODE_CAP;

    /** The ids seen per referenced file (shared with {@link References}, which fills them). */
    private final Map<RosterFile, KindTable> ids;
    private final RunIssues issues;
    /** Where the forward references beyond those kept in memory go. */
    private final Path scratch;
    /** Forward references within the current file, settled at its end. */
    private final ForwardReferences pending;

    ReferencesWithinFile(Map<RosterFile, KindTable> ids, RunIssues issues, Path scratch) {
        this.ids = ids;
        this.issues = issues;
        this.scratch = scratch;
        this.pending = new ForwardReferences(scratch);
    }

    /** Reads rows of the current file again, for the details of a forward reference that found nothing. */
    @FunctionalInterface
    interface Reread {
        /**
         * For the rows at the offsets (ascending, each on its line), by line: the row's sourcedId and the text of each
         * schema column ("" when absent).
         */
        Map<Long, RowText> rows(long[] offsets, long[] lines) throws IOException;
    }

    record RowText(String sourcedId, String[] columns) {
    }

    /** Where the references of a file's records to records of the file that never came are taken out of them. */
    @FunctionalInterface
    interface Dangling {
        /** @param targets per record (same index as {@code sourcedIds}), the ids to take out of it */
        void drop(Column column, List<String> sourcedIds, List<List<String>> targets) throws IOException;
    }

    /**
     * Settles the file's references to itself that pointed forward when their row was read. Only fingerprints were kept
     * (a file may hold a million forward references), so the rows of those that found nothing are read again, a batch at
     * a time, to name their sourcedId and value: each is reported, and taken out of its record, as a reference into
     * another file is, so that no served link leads nowhere.
     */
    void endFile(RosterFile file, Reread reread, Dangling dangling) throws IOException {
        KindTable own = ids.get(file);
        // the forward references whose target never came (or came skipped), 24 bytes each, read back from disk
        ForwardReferences missing = new ForwardReferences(scratch);
        try (missing) {
            pending.forEach((line, offset, column, target) -> {
                int kind = own == null ? KindTable.ABSENT : own.getFingerprint(target);
                if (kind == KindTable.ABSENT || kind == References.SKIPPED) {
                    missing.add(line, offset, column, target);
                }
            });
            // a row's references come one after another: a batch ends between rows
            List<long[]> batch = new ArrayList<>();
            int[] rows = {0};
            missing.forEach((line, offset, column, target) -> {
                boolean newRow = batch.isEmpty() || batch.get(batch.size() - 1)[0] != line;
                if (newRow && rows[0] == DETAILED) {
                    settle(file, own, batch, reread, dangling);
                    batch.clear();
                    rows[0] = 0;
                }
                rows[0] += newRow ? 1 : 0;
                batch.add(new long[]{line, offset, column, target});
            });
            settle(file, own, batch, reread, dangling);
        } finally {
            pending.clear();
        }
    }

    /** Reports a batch of forward references that found nothing (line, offset, column, target) and drops them. */
    private void settle(RosterFile file, KindTable own, List<long[]> batch, Reread reread, Dangling dangling) throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        Map<Long, RowText> rows = rowsOf(batch, reread);
        // per column, per record: the ids to take out
        Map<Integer, Map<String, List<String>>> drops = new TreeMap<>();
        for (long[] ref : batch) {
            report(file, own, ref, rows.get(ref[0]), drops);
        }
        for (Map.Entry<Integer, Map<String, List<String>>> column : drops.entrySet()) {
            Map<String, List<String>> byRecord = column.getValue();
            dangling.drop(file.columns().get(column.getKey()), List.copyOf(byRecord.keySet()), List.copyOf(byRecord.values()));
        }
    }

    /** The rows of a batch's references (line, offset, column, target), each read again once. */
    private static Map<Long, RowText> rowsOf(List<long[]> batch, Reread reread) throws IOException {
        long[] offsets = new long[batch.size()];
        long[] lines = new long[batch.size()];
        int n = 0;
        for (long[] ref : batch) {
            if (n == 0 || lines[n - 1] != ref[0]) {
                offsets[n] = ref[1];
                lines[n++] = ref[0];
            }
        }
        return reread.rows(Arrays.copyOf(offsets, n), Arrays.copyOf(lines, n));
    }

    /** Reports a reference that found nothing, and adds the id to take out of its record (when the row names both). */
    private void report(RosterFile file, KindTable own, long[] ref, RowText row, Map<Integer, Map<String, List<String>>> drops) {
        int column = (int) ref[2];
        long target = ref[3];
        Column spec = file.columns().get(column);
        String sourcedId = row == null ? null : row.sourcedId();
        String id = row == null ? null : idWithFingerprint(row.columns()[column], target);
        boolean skipped = own != null && own.getFingerprint(target) == References.SKIPPED;
        IssueCode code = skipped ? IssueCode.REFERENCE_SKIPPED_TARGET : IssueCode.REFERENCE_MISSING_TARGET;
        issues.add(code.at(file.fileName(), ref[0]).record(sourcedId).column(spec.name()).outcome(Outcome.error).value(id)
                .message(spec.name() + (id == null ? "" : " '" + id + "'") + (skipped ? " names a record of " + file.fileName()
                        + " that was skipped (see its issue)" : " names no record of " + file.fileName()) + "; left out"));
        if (sourcedId != null && id != null) {
            drops.computeIfAbsent(column, c -> new LinkedHashMap<>()).computeIfAbsent(sourcedId, r -> new ArrayList<>()).add(id);
        }
    }

    private static String idWithFingerprint(String text, long fingerprint) {
        for (String id : Fields.list(text)) {
            if (Fingerprint.of(id) == fingerprint) {
                return id;
            }
        }
        return null;
    }

    /** Forgets the current file's forward references (settled, or left by a file that failed). */
    void endOfFile() {
        pending.clear();
    }

    /** Remembers a reference of a row that pointed forward, to be settled at the file's end. */
    void defer(long line, long offset, References.Forward forward) {
        pending.add((int) Math.min(line, Integer.MAX_VALUE), offset, forward.column(), forward.target());
    }
}
