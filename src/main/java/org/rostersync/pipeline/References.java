package org.rostersync.pipeline;

import org.rostersync.oneroster.Column;
import org.rostersync.oneroster.Fields;
import org.rostersync.oneroster.RosterFile;
import org.rostersync.report.IssueCode;
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
 * they are settled at the file's end, reported, and taken out of the records already written.
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

    /** Missing forward targets beyond this many are counted without their details: the report keeps no more. */
    static final int DETAILED = RunIssues.PER_CODE_CAP;

    private final Set<RosterFile> complete;
    private final boolean schoolsOfAnotherType;
    private final RunIssues issues;
    /** Schools whose records are not imported (the school mapping), known before orgs.csv is read and as it is. */
    private final Set<String> outOfScope;
    /** Per referenced file: the sourcedIds seen, each as kept (school or other) or skipped. */
    private final Map<RosterFile, KindTable> ids = new EnumMap<>(RosterFile.class);
    /** Forward references within the current file, settled at its end. */
    private final ForwardReferences pending;
    /** Where the forward references beyond those kept in memory go. */
    private final java.nio.file.Path scratch;

    /**
     * What is wrong with a reference value; the value is the id concerned. A tolerated problem keeps the value: it is
     * reported as a warning.
     */
    record Problem(IssueCode code, String message, String value, boolean tolerated) {

        Problem(IssueCode code, String message, String value) {
            this(code, message, value, false);
        }
    }

    /** A reference within a file to a record not seen (or seen skipped) so far: the column and the target's fingerprint. */
    record Forward(int column, long target) {
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
    References(Set<RosterFile> complete, RunIssues issues, Set<String> outOfScope, java.nio.file.Path scratch) {
        this(complete, issues, outOfScope, scratch, false);
    }

    /** @param schoolsOfAnotherType whether a class's (or enrollment's) school may be an org of another type, with a warning */
    References(Set<RosterFile> complete, RunIssues issues, Set<String> outOfScope, java.nio.file.Path scratch,
               boolean schoolsOfAnotherType) {
        this.schoolsOfAnotherType = schoolsOfAnotherType;
        this.complete = Set.copyOf(complete);
        this.issues = issues;
        this.outOfScope = outOfScope;
        this.scratch = scratch;
        this.pending = new ForwardReferences(scratch);
    }

    /**
     * For the files a plan imports: the bulk ones are complete.
     *
     * @param scratch where working files go (the run's scratch folder)
     */
    static References of(List<PlannedFile> plan, RunIssues issues, SchoolScope scope, java.nio.file.Path scratch) {
        return of(plan, issues, scope, scratch, RunSettings.DEFAULTS);
    }

    /** For the files a plan imports, under the source's settings (whether a school may be an org of another type). */
    static References of(List<PlannedFile> plan, RunIssues issues, SchoolScope scope, java.nio.file.Path scratch, RunSettings settings) {
        Set<RosterFile> complete = EnumSet.noneOf(RosterFile.class);
        plan.stream().filter(PlannedFile::bulk).forEach(p -> complete.add(p.file()));
        return new References(complete, issues, scope.outOfScope(), scratch,
                DataRequirementRules.acceptsSchoolsOfAnotherType(settings.dataRequirements()));
    }

    /** Whether the column references another file that is checked in this run (so its value may shrink). */
    boolean checks(RosterFile file, int column) {
        RosterFile target = TARGETS.get(file)[column];
        return target != null && target != file && complete.contains(target);
    }

    /**
     * The part of a reference value (an id, or a list of ids) that names usable records; each id taken out is reported
     * to {@code problems}. References within the file that point forward go to {@code forwards}, for the caller to
     * {@link #defer} (a row read again defers nothing). Nothing changes here.
     *
     * @return the value, the list without the ids taken out, or null when nothing is left
     */
    Object resolve(RosterFile file, int column, Object value, List<Problem> problems, List<Forward> forwards) {
        RosterFile target = TARGETS.get(file)[column];
        if (target == null || value == null || (!complete.contains(target) && (target != RosterFile.ORGS || outOfScope.isEmpty()))) {
            return value;
        }
        Column spec = file.columns().get(column);
        if (target == file) {
            KindTable own = ids.get(file);
            for (Object id : value instanceof List<?> list ? list : List.of(value)) {
                int kind = own == null ? KindTable.ABSENT : own.get((String) id);
                if (kind == KindTable.ABSENT || kind == SKIPPED) {
                    forwards.add(new Forward(column, Fingerprint.of((String) id)));
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
                } else if (problem.code() == IssueCode.REFERENCE_SCHOOL_NOT_MAPPED) {
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
        return problem.tolerated() ? value : null;
    }

    /** demographics.sourcedId names its user: a problem when no kept user has it. */
    Problem userOfDemographics(String sourcedId) {
        if (!complete.contains(RosterFile.USERS)) {
            return null;
        }
        int kind = kind(RosterFile.USERS, sourcedId);
        return kind == KindTable.ABSENT
                ? new Problem(IssueCode.REFERENCE_MISSING_TARGET, "sourcedId '" + sourcedId
                        + "' names no record of users.csv", sourcedId)
                : kind == SKIPPED ? new Problem(IssueCode.REFERENCE_SKIPPED_TARGET, "sourcedId '" + sourcedId
                + "' names a record of users.csv that was skipped (see its issue)", sourcedId) : null;
    }

    private Problem problem(Column column, RosterFile target, String id) {
        if (target == RosterFile.ORGS && outOfScope.contains(id)) {
            return new Problem(IssueCode.REFERENCE_SCHOOL_NOT_MAPPED, column.name() + " '" + id
                    + "' is a school outside the source's school mapping", id);
        }
        if (!complete.contains(target)) {
            return null;
        }
        int kind = kind(target, id);
        if (kind == KindTable.ABSENT) {
            return new Problem(IssueCode.REFERENCE_MISSING_TARGET, column.name() + " '" + id + "' names no record of "
                    + target.fileName(), id);
        }
        if (kind == SKIPPED) {
            return new Problem(IssueCode.REFERENCE_SKIPPED_TARGET, column.name() + " '" + id + "' names a record of "
                    + target.fileName()
                    + " that was skipped (see its issue)", id);
        }
        if (column.name().equals("schoolSourcedId") && kind != SCHOOL) {
            return new Problem(IssueCode.REFERENCE_NOT_A_SCHOOL, column.name() + " '" + id
                    + "' is an org that is not of type school", id,
                    schoolsOfAnotherType);
        }
        return null;
    }

    private int kind(RosterFile target, String id) {
        KindTable known = ids.get(target);
        return known == null ? KindTable.ABSENT : known.get(id);
    }

    /** Sizes the table of a file's ids before its rows come, so that it never grows (old and new arrays at once). */
    void expect(RosterFile file, long rows) {
        if (REFERENCED.contains(file) && complete.contains(file)) {
            ids.putIfAbsent(file, new KindTable(rows));
        }
    }

    /** Remembers a staged record, so that later references to it resolve. */
    void kept(RosterFile file, String sourcedId, Object[] values) {
        if (REFERENCED.contains(file) && complete.contains(file)) {
            // Only files other records point into are remembered: enrollments, the largest, never are.
            int kind = file == RosterFile.ORGS && "school".equals(values[ORG_TYPE]) ? SCHOOL : OTHER;
            KindTable table = table(file);
            if (table.putIfAbsent(sourcedId, kind) == SKIPPED) {
                // a row kept after a skipped row of the same sourcedId is the one imported
                table.replace(sourcedId, kind);
            }
        }
    }

    /**
     * Remembers a record whose row could not be read, left as it was: references to it resolve, as they did before. Its
     * type is not known, so it passes for a school too: the records that name it were checked against it when it was read.
     */
    void leftAsItWas(RosterFile file, String sourcedId) {
        if (REFERENCED.contains(file) && complete.contains(file)) {
            table(file).putIfAbsent(sourcedId, SCHOOL);
        }
    }

    /**
     * A record left as it was turned out to have no active record to leave: references to it are skipped, as to a
     * skipped record (its row's issue says why).
     */
    void noRecord(RosterFile file, long fingerprint) {
        KindTable table = ids.get(file);
        if (table != null && table.getFingerprint(fingerprint) == SCHOOL) {
            table.replaceFingerprint(fingerprint, SKIPPED);
        }
    }

    /** Remembers a skipped record, so that references to it are skipped in turn and say why. */
    void skipped(RosterFile file, String sourcedId) {
        if (sourcedId != null && REFERENCED.contains(file) && complete.contains(file)) {
            table(file).putIfAbsent(sourcedId, SKIPPED);
        }
    }

    private KindTable table(RosterFile file) {
        return ids.computeIfAbsent(file, f -> new KindTable());
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
                if (kind == KindTable.ABSENT || kind == SKIPPED) {
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
        long[] offsets = new long[batch.size()];
        long[] lines = new long[batch.size()];
        int n = 0;
        for (long[] ref : batch) {
            if (n == 0 || lines[n - 1] != ref[0]) {
                offsets[n] = ref[1];
                lines[n++] = ref[0];
            }
        }
        Map<Long, RowText> rows = reread.rows(Arrays.copyOf(offsets, n), Arrays.copyOf(lines, n));
        // per column, per record: the ids to take out
        Map<Integer, Map<String, List<String>>> drops = new java.util.TreeMap<>();
        for (long[] ref : batch) {
            int column = (int) ref[2];
            long target = ref[3];
            Column spec = file.columns().get(column);
            RowText row = rows.get(ref[0]);
            String sourcedId = row == null ? null : row.sourcedId();
            String id = row == null ? null : idWithFingerprint(row.columns()[column], target);
            boolean skipped = own != null && own.getFingerprint(target) == SKIPPED;
            IssueCode code = skipped ? IssueCode.REFERENCE_SKIPPED_TARGET : IssueCode.REFERENCE_MISSING_TARGET;
            issues.add(code.at(file.fileName(), ref[0]).record(sourcedId).column(spec.name()).outcome(Outcome.error).value(id)
                    .message(
                    spec.name() + (id == null ? "" : " '" + id + "'") + (skipped ? " names a record of " + file.fileName()
                            + " that was skipped (see its issue)" : " names no record of " + file.fileName()) + "; left out"));
            if (sourcedId != null && id != null) {
                drops.computeIfAbsent(column, c -> new java.util.LinkedHashMap<>()).computeIfAbsent(sourcedId, r -> new ArrayList<>()).add(id);
            }
        }
        for (Map.Entry<Integer, Map<String, List<String>>> column : drops.entrySet()) {
            Map<String, List<String>> byRecord = column.getValue();
            dangling.drop(file.columns().get(column.getKey()), List.copyOf(byRecord.keySet()), List.copyOf(byRecord.values()));
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
    void defer(long line, long offset, Forward forward) {
        pending.add((int) Math.min(line, Integer.MAX_VALUE), offset, forward.column(), forward.target());
    }
}
