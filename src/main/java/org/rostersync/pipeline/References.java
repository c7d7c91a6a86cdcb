package org.rostersync.pipeline;

import org.rostersync.oneroster.Column;
import org.rostersync.oneroster.Fields;
import org.rostersync.oneroster.RosterFile;
import org.rostersync.report.Issue;
import org.rostersync.report.Outcome;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the references between the files of one delivery (reference digest §3): every GUID reference names a record
 * of its target file, and schoolSourcedId names an org of type school. Only targets delivered in bulk are checked: a
 * bulk file is the complete set, while a delta file (or an absent one) leaves records from earlier deliveries in play.
 * References within a file (an org's parent, a user's agents) may point forward, so they are settled at the file's end.
 */
final class References {

    private static final int ORG_TYPE = RosterFile.ORGS.columns().indexOf(RosterFile.ORGS.column("type").orElseThrow());
    private static final int SCHOOL = 1;
    private static final int OTHER = 0;

    private final Set<RosterFile> complete;
    private final RunIssues issues;
    private final Map<RosterFile, FingerprintTable> ids = new EnumMap<>(RosterFile.class);
    /** Forward references within the current file, as primitives (line, column, fingerprint of the target): 16 bytes each. */
    private int[] pendingLines = new int[1024];
    private int[] pendingColumns = new int[1024];
    private long[] pendingTargets = new long[1024];
    private int pendingCount;
    /** Per file, per column: the file the column references, or null. Worked out once, not per row. */
    private static final Map<RosterFile, RosterFile[]> TARGETS = targets();

    private static final Set<RosterFile> REFERENCED = TARGETS.values().stream().flatMap(java.util.Arrays::stream)
            .filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toCollection(() -> java.util.EnumSet.noneOf(RosterFile.class)));

    private static Map<RosterFile, RosterFile[]> targets() {
        Map<RosterFile, RosterFile[]> out = new EnumMap<>(RosterFile.class);
        for (RosterFile file : RosterFile.values()) {
            RosterFile[] targets = new RosterFile[file.columns().size()];
            for (int c = 0; c < targets.length; c++) {
                String references = file.columns().get(c).references();
                targets[c] = references == null ? null : RosterFile.byFileName(references + ".csv").orElse(null);
            }
            out.put(file, targets);
        }
        return out;
    }

    /** @param complete the files delivered in bulk, whose records are all known */
    References(Set<RosterFile> complete, RunIssues issues) {
        this.complete = Set.copyOf(complete);
        this.issues = issues;
    }

    /** For the files a plan imports: the bulk ones are complete. */
    static References of(List<PlannedFile> plan, RunIssues issues) {
        Set<RosterFile> complete = java.util.EnumSet.noneOf(RosterFile.class);
        plan.stream().filter(PlannedFile::bulk).forEach(p -> complete.add(p.file()));
        return new References(complete, issues);
    }

    /** Checks one staged row's references and records its sourcedId. */
    void row(RosterFile file, long line, String sourcedId, Object[] values) {
        if (file == RosterFile.DEMOGRAPHICS) {
            check(file, line, sourcedId, "sourcedId", RosterFile.USERS, sourcedId);
        }
        RosterFile[] targets = TARGETS.get(file);
        for (int c = 0; c < values.length; c++) {
            RosterFile target = targets[c];
            if (target == null || values[c] == null) {
                continue;
            }
            Column column = file.columns().get(c);
            for (Object id : values[c] instanceof List<?> list ? list : List.of(values[c])) {
                if (target == file) {
                    FingerprintTable own = ids.get(file);
                    if (complete.contains(file) && (own == null || !own.contains((String) id))) {
                        defer(line, c, FingerprintTable.fingerprint((String) id));
                    }
                } else {
                    check(file, line, sourcedId, column.name(), target, (String) id);
                }
            }
        }
        if (REFERENCED.contains(file) && complete.contains(file)) {
            // Only files other records point into are remembered: enrollments, the largest, never are.
            ids.computeIfAbsent(file, f -> new FingerprintTable())
                    .putIfAbsent(sourcedId, file == RosterFile.ORGS && "school".equals(values[ORG_TYPE]) ? SCHOOL : OTHER);
        }
    }

    /** Reads rows of the current file again, for the details of a forward reference that found nothing. */
    @FunctionalInterface
    interface Reread {
        /** For each of the lines (ascending), the row's sourcedId and the text of each schema column ("" when absent). */
        Map<Long, RowText> rows(long[] lines) throws java.io.IOException;
    }

    record RowText(String sourcedId, String[] columns) {
    }

    /** Missing forward targets beyond this many are counted without their details: the report keeps no more. */
    static final int DETAILED = RunIssues.PER_CODE_CAP;

    /**
     * Settles the file's references to itself that pointed forward when their row was read. Only fingerprints were kept
     * (a file may hold a million forward references), so the rows of the few that found nothing are read again to name
     * their sourcedId and value.
     */
    void endFile(RosterFile file, Reread reread) throws java.io.IOException {
        FingerprintTable own = ids.get(file);
        List<Integer> missing = new java.util.ArrayList<>();
        for (int i = 0; i < pendingCount; i++) {
            if (own == null || !own.containsFingerprint(pendingTargets[i])) {
                missing.add(i);
            }
        }
        Map<Long, RowText> rows = missing.isEmpty() ? Map.of() : reread.rows(missing.stream().limit(DETAILED)
                .mapToLong(i -> pendingLines[i]).distinct().sorted().toArray());
        for (int i : missing) {
            Column column = file.columns().get(pendingColumns[i]);
            RowText row = rows.get((long) pendingLines[i]);
            String sourcedId = row == null ? null : row.sourcedId();
            String id = row == null ? null : idWithFingerprint(row.columns()[pendingColumns[i]], pendingTargets[i]);
            issues.add(new Issue(file.fileName(), (long) pendingLines[i], sourcedId, column.name(), "reference.missing_target",
                    Outcome.error, column.name() + (id == null ? "" : " '" + id + "'") + " names no record of " + file.fileName(), id));
        }
        pendingCount = 0;
    }

    private static String idWithFingerprint(String text, long fingerprint) {
        for (String id : Fields.list(text)) {
            if (FingerprintTable.fingerprint(id) == fingerprint) {
                return id;
            }
        }
        return null;
    }

    private void defer(long line, int column, long target) {
        if (pendingCount == pendingLines.length) {
            pendingLines = java.util.Arrays.copyOf(pendingLines, pendingCount * 2);
            pendingColumns = java.util.Arrays.copyOf(pendingColumns, pendingCount * 2);
            pendingTargets = java.util.Arrays.copyOf(pendingTargets, pendingCount * 2);
        }
        pendingLines[pendingCount] = (int) Math.min(line, Integer.MAX_VALUE);
        pendingColumns[pendingCount] = column;
        pendingTargets[pendingCount++] = target;
    }

    private void check(RosterFile file, long line, String sourcedId, String column, RosterFile target, String id) {
        if (!complete.contains(target)) {
            return;
        }
        FingerprintTable known = ids.get(target);
        int kind = known == null ? FingerprintTable.ABSENT : known.get(id);
        if (kind == FingerprintTable.ABSENT) {
            issues.add(new Issue(file.fileName(), line, sourcedId, column, "reference.missing_target", Outcome.error,
                    column + " '" + id + "' names no record of " + target.fileName(), id));
        } else if (column.equals("schoolSourcedId") && kind != SCHOOL) {
            issues.add(new Issue(file.fileName(), line, sourcedId, column, "reference.not_a_school", Outcome.error,
                    column + " '" + id + "' is an org that is not of type school", id));
        }
    }
}
