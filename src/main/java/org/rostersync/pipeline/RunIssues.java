package org.rostersync.pipeline;

import org.rostersync.report.Issue;
import org.rostersync.report.Outcome;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The issues of one run. Counts are always exact; the issues themselves are kept up to a cap, so that a file of a
 * million bad rows cannot exhaust memory, and the report says how many more there were.
 */
final class RunIssues {

    static final int DEFAULT_CAP = 100_000;

    private final int cap;
    private final List<Issue> kept = new ArrayList<>();
    private final Map<String, EnumMap<Outcome, Long>> counts = new HashMap<>();
    private long dropped;

    RunIssues(int cap) {
        this.cap = cap;
    }

    void add(Issue issue) {
        counts.computeIfAbsent(key(issue.file()), k -> new EnumMap<>(Outcome.class)).merge(issue.outcome(), 1L, Long::sum);
        if (kept.size() < cap) {
            kept.add(issue);
        } else {
            dropped++;
        }
    }

    long count(String file, Outcome outcome) {
        return counts.getOrDefault(key(file), new EnumMap<>(Outcome.class)).getOrDefault(outcome, 0L);
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
        out.add(Issue.ofRun("run.issues_truncated", Outcome.warning,
                dropped + " more issues were found but not stored; the counts per file include them"));
        return out;
    }

    private static String key(String file) {
        return file == null ? "" : file;
    }
}
