package org.rostersync.pipeline;

import org.rostersync.oneroster.Column;
import org.rostersync.oneroster.RosterFile;
import org.rostersync.report.IssueCode;
import org.rostersync.roster.Fingerprint;

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
 * they are settled at the file's end ({@link ReferencesWithinFile}), with the ids this table keeps.
 */
final class References {

    private static final int ORG_TYPE = RosterFile.ORGS.columns().indexOf(RosterFile.ORGS.column("type").orElseThrow());
    private static final int SCHOOL = 1;
    private static final int OTHER = 0;
    static final int SKIPPED = 2;

    /** Per file, per column: the file the column references, or null. Worked out once, not per row. */
    private static final Map<RosterFile, RosterFile[]> TARGETS = targets();
    private static final Set<RosterFile> REFERENCED = TARGETS.values().stream().flatMap(Arrays::stream)
            .filter(Objects::nonNull).collect(Collectors.toCollection(() -> EnumSet.noneOf(RosterFile.class)));

    private final Set<RosterFile> complete;
    private final boolean schoolsOfAnotherType;
    /** Schools whose records are not imported (the school mapping), known before orgs.csv is read and as it is. */
    private final Set<String> outOfScope;
    /** Per referenced file: the sourcedIds seen, each as kept (school or other) or skipped. */
    private final Map<RosterFile, KindTable> ids = new EnumMap<>(RosterFile.class);
    /** References within the current file that point forward, settled at its end. */
    private final ReferencesWithinFile withinFile;

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
        this.complete = complete.isEmpty() ? EnumSet.noneOf(RosterFile.class) : EnumSet.copyOf(complete);
        this.outOfScope = outOfScope;
        this.withinFile = new ReferencesWithinFile(ids, issues, scratch);
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

    /**
     * A file that was refused as a whole (its header, its format): what its records are is not known, so references
     * into it are not checked. A run stops at such a file; an offline validation goes on, and reports one fatal issue
     * for it rather than one issue for every row that names one of its records.
     */
    void refused(RosterFile file) {
        complete.remove(file);
        ids.remove(file);
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

    /** The references within the current file that pointed forward, settled at its end. */
    ReferencesWithinFile withinFile() {
        return withinFile;
    }

    private KindTable table(RosterFile file) {
        return ids.computeIfAbsent(file, f -> new KindTable());
    }
}
