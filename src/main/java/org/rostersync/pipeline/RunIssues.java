package org.rostersync.pipeline;

import org.rostersync.intake.inbox.DeliveryNote;
import org.rostersync.report.Issue;
import org.rostersync.report.IssueCode;
import org.rostersync.report.Outcome;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The issues of one run. Counts are always exact; the issues themselves are kept up to a cap per file and code and a
 * cap in all, so that a file of a million bad rows cannot exhaust memory and one broken column does not hide every
 * other finding; the report says, per code, how many more there were.
 */
final class RunIssues {

    static final int DEFAULT_CAP = 100_000;
    /**
     * One broken column can repeat on every row: past this many of one code in one file, only the count is kept. High
     * enough that a district of 25,000 students missing an email gets every one of them listed to fix in the SIS; low
     * enough that four such codes fit under the cap in all.
     */
    static final int PER_CODE_CAP = 25_000;

    private final int cap;
    private final List<Issue> kept = new ArrayList<>();
    private final Map<String, EnumMap<Outcome, Long>> counts = new HashMap<>();
    /** file → code → how many were seen, and how many of them were not kept. */
    private final Map<String, Map<String, long[]>> perCode = new java.util.LinkedHashMap<>();
    private long dropped;

    RunIssues(int cap) {
        this.cap = cap;
    }

    void add(Issue issue) {
        counts.computeIfAbsent(key(issue.file()), k -> new EnumMap<>(Outcome.class)).merge(issue.outcome(), 1L, Long::sum);
        long[] code = perCode.computeIfAbsent(key(issue.file()), k -> new java.util.LinkedHashMap<>())
                .computeIfAbsent(issue.code(), k -> new long[2]);
        if (++code[0] > PER_CODE_CAP || kept.size() >= cap) {
            code[1]++;
            dropped++;
        } else {
            kept.add(issue);
        }
    }

    long count(String file, Outcome outcome) {
        return counts.getOrDefault(key(file), new EnumMap<>(Outcome.class)).getOrDefault(outcome, 0L);
    }

    /** What the snapshot found about the delivery itself, as issues: fatal notes fatal, the rest warnings. */
    void addNotes(List<DeliveryNote> notes) {
        for (DeliveryNote note : notes) {
            add(IssueCode.of(note.code()).inFile(note.file()).outcome(note.fatal() ? Outcome.fatal : Outcome.warning)
                    .message(note.message()));
        }
    }

    /** The exact number of issues with this outcome, kept or not. */
    long total(Outcome outcome) {
        return counts.values().stream().mapToLong(m -> m.getOrDefault(outcome, 0L)).sum();
    }

    /** Per file ("" for the delivery as a whole), per code: how many issues were raised, listed or not. */
    Map<String, Map<String, Long>> perFileAndCode() {
        Map<String, Map<String, Long>> out = new java.util.LinkedHashMap<>();
        perCode.forEach((file, codes) -> {
            Map<String, Long> counts = new java.util.LinkedHashMap<>();
            codes.forEach((code, n) -> counts.put(code, n[0]));
            out.put(file, java.util.Collections.unmodifiableMap(counts));
        });
        return java.util.Collections.unmodifiableMap(out);
    }

    boolean any() {
        return !counts.isEmpty();
    }

    boolean anyFatal() {
        return counts.values().stream().anyMatch(m -> m.containsKey(Outcome.fatal));
    }

    /** The issues to store, ending with a note of those beyond the cap. */
    List<Issue> toReport() {
        if (dropped == 0) {
            return kept;
        }
        List<Issue> out = new ArrayList<>(kept);
        perCode.forEach((file, codes) -> codes.forEach((code, n) -> {
            if (n[1] > 0) {
                out.add(IssueCode.RUN_ISSUES_TRUNCATED.inFile(file.isEmpty() ? null : file).message(n[0] + " issues " + code
                        + " in all; the first " + (n[0] - n[1])
                                + " are listed, the counts per file include the rest"));
            }
        }));
        return out;
    }

    private static String key(String file) {
        return file == null ? "" : file;
    }
}
