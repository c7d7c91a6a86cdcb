package org.rostersync.pipeline;

import org.rostersync.oneroster.Column;
import org.rostersync.oneroster.Fields;
import org.rostersync.oneroster.RosterFile;
import org.rostersync.report.Issue;
import org.rostersync.report.Outcome;
import org.rostersync.roster.Fingerprint;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The references between the files of one delivery (reference digest §3): every GUID reference names a record of its
 * target file, and schoolSourcedId names an org of type school. Files load in reference order, so a reference into an
 * earlier file is resolved before its row is staged: ids naming nothing, or a record that was skipped, are taken out of
 * the value (and the attribute's data requirement decides what happens to a record left without it). Only targets
 * delivered in bulk are checked: a bulk file is the complete set, while a delta file (or an absent one) leaves records
 * from earlier deliveries in play. References within a file (an org's parent, a user's agents) may point forward, so
 * they are settled at the file's end, and reported without changing the record.
 */
final class References {

    private static final int ORG_TYPE = RosterFile.ORGS.columns().indexOf(RosterFile.ORGS.column("type").orElseThrow());
    private static final int SCHOOL = 1;
    private static final int OTHER = 0;
    private static final int SKIPPED = 2;

    /** Per file, per column: the file the column references, or null. Worked out once, not per row. */
    private static final Map<RosterFile, RosterFile[]> TARGETS = targets();
    private static final Set<RosterFile> REFERENCED = TARGETS.values().stream().flatMap(Arrays::stream)
            .filter(Objects::nonNull).collect(Collectors.toCollection(() -> EnumSet.noneOf(RosterFile.class)));

    static final String SCHOOL_NOT_MAPPED = "reference.school_not_mapped";

    /** Missing forward targets beyond this many are counted without their details: the report keeps no more. */
    static final int DETAILED = RunIssues.PER_CODE_CAP;

    private final Set<RosterFile> complete;
    private final RunIssues issues;
    /** Schools whose records are not imported (the school mapping), known before orgs.csv is read and as it is. */
    private final Set<String> outOfScope;
    /** Per referenced file: the sourcedIds seen, each as kept (school or other) or skipped. */
    private final Map<RosterFile, FingerprintTable> ids = new EnumMap<>(RosterFile.class);
    /** Forward references within the current file, as primitives (line, column, fingerprint of the target): 16 bytes each. */
    private int[] pendingLines = new int[1024];
    private int[] pendingColumns = new int[1024];
    private long[] pendingTargets = new long[1024];
    private int pendingCount;

    /** What is wrong with a reference value; the value is the id concerned. */
    record Problem(String code, String message, String value) {
    }

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

    /**
     * @param complete   the files delivered in bulk, whose records are all known
     * @param outOfScope the schools outside the school mapping (a live view: it grows while orgs.csv is read)
     */
    References(Set<RosterFile> complete, RunIssues issues, Set<String> outOfScope) {
        this.complete = Set.copyOf(complete);
        this.issues = issues;
        this.outOfScope = outOfScope;
    }

    /** For the files a plan imports: the bulk ones are complete. */
    static References of(List<PlannedFile> plan, RunIssues issues, SchoolScope scope) {
        Set<RosterFile> complete = EnumSet.noneOf(RosterFile.class);
        plan.stream().filter(PlannedFile::bulk).forEach(p -> complete.add(p.file()));
        return new References(complete, issues, scope.outOfScope());
    }

    /** Whether the column references another file that is checked in this run (so its value may shrink). */
    boolean checks(RosterFile file, int column) {
        RosterFile target = TARGETS.get(file)[column];
        return target != null && target != file && complete.contains(target);
    }

    /**
     * The part of a reference value (an id, or a list of ids) that names usable records; each id taken out is reported
     * to {@code problems}. Forward references within the file are remembered and settled by {@link #endFile}.
     *
     * @return the value, the list without the ids taken out, or null when nothing is left
     */
    Object resolve(RosterFile file, int column, long line, Object value, List<Problem> problems) {
        RosterFile target = TARGETS.get(file)[column];
        if (target == null || value == null || (!complete.contains(target) && (target != RosterFile.ORGS || outOfScope.isEmpty()))) {
            return value;
        }
        Column spec = file.columns().get(column);
        if (target == file) {
            FingerprintTable own = ids.get(file);
            for (Object id : value instanceof List<?> list ? list : List.of(value)) {
                int kind = own == null ? FingerprintTable.ABSENT : own.get((String) id);
                if (kind == FingerprintTable.ABSENT || kind == SKIPPED) {
                    defer(line, column, Fingerprint.of((String) id));
                }
            }
            return value;
        }
        if (value instanceof List<?> list) {
            List<String> kept = new ArrayList<>(list.size());
            List<Problem> unmapped = new ArrayList<>();
            for (Object id : list) {
                Problem problem = problem(spec, target, (String) id);
                if (problem == null) {
                    kept.add((String) id);
                } else if (problem.code().equals(SCHOOL_NOT_MAPPED)) {
                    unmapped.add(problem);
                } else {
                    problems.add(problem);
                }
            }
            if (kept.isEmpty()) {
                problems.addAll(unmapped); // a user keeps its mapped schools, and is out of scope only without any
            }
            return kept.size() == list.size() ? value : kept.isEmpty() ? null : List.copyOf(kept);
        }
        Problem problem = problem(spec, target, (String) value);
        if (problem == null) {
            return value;
        }
        problems.add(problem);
        return null;
    }

    /** demographics.sourcedId names its user: a problem when no kept user has it. */
    Problem userOfDemographics(String sourcedId) {
        if (!complete.contains(RosterFile.USERS)) {
            return null;
        }
        int kind = kind(RosterFile.USERS, sourcedId);
        return kind == FingerprintTable.ABSENT
                ? new Problem("reference.missing_target", "sourcedId '" + sourcedId + "' names no record of users.csv", sourcedId)
                : kind == SKIPPED ? new Problem("reference.skipped_target", "sourcedId '" + sourcedId
                + "' names a record of users.csv that was skipped (see its issue)", sourcedId) : null;
    }

    private Problem problem(Column column, RosterFile target, String id) {
        if (target == RosterFile.ORGS && outOfScope.contains(id)) {
            return new Problem(SCHOOL_NOT_MAPPED, column.name() + " '" + id + "' is a school outside the source's school mapping", id);
        }
        if (!complete.contains(target)) {
            return null;
        }
        int kind = kind(target, id);
        if (kind == FingerprintTable.ABSENT) {
            return new Problem("reference.missing_target", column.name() + " '" + id + "' names no record of " + target.fileName(), id);
        }
        if (kind == SKIPPED) {
            return new Problem("reference.skipped_target", column.name() + " '" + id + "' names a record of " + target.fileName()
                    + " that was skipped (see its issue)", id);
        }
        if (column.name().equals("schoolSourcedId") && kind != SCHOOL) {
            return new Problem("reference.not_a_school", column.name() + " '" + id + "' is an org that is not of type school", id);
        }
        return null;
    }

    private int kind(RosterFile target, String id) {
        FingerprintTable known = ids.get(target);
        return known == null ? FingerprintTable.ABSENT : known.get(id);
    }

    /** Sizes the table of a file's ids before its rows come, so that it never grows (old and new arrays at once). */
    void expect(RosterFile file, long rows) {
        if (REFERENCED.contains(file) && complete.contains(file)) {
            ids.putIfAbsent(file, new FingerprintTable(rows));
        }
    }

    /** Remembers a staged record, so that later references to it resolve. */
    void kept(RosterFile file, String sourcedId, Object[] values) {
        if (REFERENCED.contains(file) && complete.contains(file)) {
            // Only files other records point into are remembered: enrollments, the largest, never are.
            int kind = file == RosterFile.ORGS && "school".equals(values[ORG_TYPE]) ? SCHOOL : OTHER;
            FingerprintTable table = table(file);
            if (table.putIfAbsent(sourcedId, kind) == SKIPPED) {
                // a row kept after a skipped row of the same sourcedId is the one imported
                table.put(sourcedId, kind);
            }
        }
    }

    /** Remembers a skipped record, so that references to it are skipped in turn and say why. */
    void skipped(RosterFile file, String sourcedId) {
        if (sourcedId != null && REFERENCED.contains(file) && complete.contains(file)) {
            table(file).putIfAbsent(sourcedId, SKIPPED);
        }
    }

    private FingerprintTable table(RosterFile file) {
        return ids.computeIfAbsent(file, f -> new FingerprintTable());
    }

    /** Reads rows of the current file again, for the details of a forward reference that found nothing. */
    @FunctionalInterface
    interface Reread {
        /** For each of the lines (ascending), the row's sourcedId and the text of each schema column ("" when absent). */
        Map<Long, RowText> rows(long[] lines) throws IOException;
    }

    record RowText(String sourcedId, String[] columns) {
    }

    /**
     * Settles the file's references to itself that pointed forward when their row was read. Only fingerprints were kept
     * (a file may hold a million forward references), so the rows of the few that found nothing are read again to name
     * their sourcedId and value.
     */
    void endFile(RosterFile file, Reread reread) throws IOException {
        FingerprintTable own = ids.get(file);
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < pendingCount; i++) {
            int kind = own == null ? FingerprintTable.ABSENT : own.getFingerprint(pendingTargets[i]);
            if (kind == FingerprintTable.ABSENT || kind == SKIPPED) {
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
            boolean skipped = own != null && own.getFingerprint(pendingTargets[i]) == SKIPPED;
            issues.add(new Issue(file.fileName(), (long) pendingLines[i], sourcedId, column.name(),
                    skipped ? "reference.skipped_target" : "reference.missing_target", Outcome.error,
                    column.name() + (id == null ? "" : " '" + id + "'") + (skipped ? " names a record of " + file.fileName()
                            + " that was skipped (see its issue)" : " names no record of " + file.fileName()), id));
        }
        pendingCount = 0;
    }

    private static String idWithFingerprint(String text, long fingerprint) {
        for (String id : Fields.list(text)) {
            if (Fingerprint.of(id) == fingerprint) {
                return id;
            }
        }
        return null;
    }

    private void defer(long line, int column, long target) {
        if (pendingCount == pendingLines.length) {
            pendingLines = Arrays.copyOf(pendingLines, pendingCount * 2);
            pendingColumns = Arrays.copyOf(pendingColumns, pendingCount * 2);
            pendingTargets = Arrays.copyOf(pendingTargets, pendingCount * 2);
        }
        pendingLines[pendingCount] = (int) Math.min(line, Integer.MAX_VALUE);
        pendingColumns[pendingCount] = column;
        pendingTargets[pendingCount++] = target;
    }
}
