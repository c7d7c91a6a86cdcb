package org.rostersync.report;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.UUID;

/**
 * What an operator reads first about a run: its issues grouped by code and file, each group with what the code means,
 * how to fix it at the SIS and a few examples, in the order they matter: fatal (the file or the run refused), then
 * skipped (records not imported), errors (kept and reported), warnings. The run page, {@code GET /api/runs/{id}/summary}
 * and the run emails all show this one summary.
 *
 * @param total   every issue of the run
 * @param outcomes how many issues have each outcome, in the order above (only those the run has)
 */
@Serdeable
public record RunSummary(UUID runId, long total, List<OutcomeCount> outcomes, List<Group> groups) {

    /** Examples shown per group. */
    public static final int EXAMPLES = 3;

    public RunSummary {
        outcomes = List.copyOf(outcomes);
        groups = List.copyOf(groups);
    }

    /** How many issues of one outcome the run has. */
    @Serdeable
    public record OutcomeCount(Outcome outcome, long count) {
    }

    /**
     * The issues of one code with one outcome about one file (null: the delivery as a whole).
     *
     * @param explanation what the code means, for an operator (the catalogue's)
     * @param fix         how to fix it at the SIS (the catalogue's)
     * @param examples    the first {@link #EXAMPLES} issues of the group, in the order found
     * @param issues      the address of the group's issues on the run's page, filtered to this group
     */
    @Serdeable
    public record Group(@Nullable String file, String code, Outcome outcome, long count, String explanation, String fix,
                        List<Example> examples, String issues) {

        public Group {
            examples = List.copyOf(examples);
        }
    }

    /** One issue of a group: where it is, which record, and what was found. */
    @Serdeable
    public record Example(@Nullable Long line, @Nullable String sourcedId, @Nullable String column, @Nullable String value,
                          String message) {
    }

    /** Whether the run has no issue at all. */
    public boolean clean() {
        return total == 0;
    }

    /**
     * The totals in words, counts with thousands separators: "2,058 issues: 12 skipped (records not imported), 1,998
     * errors (records kept, and reported), 48 warnings (imported as understood)."
     */
    public String totals() {
        if (clean()) {
            return "No issues: every row was read as delivered.";
        }
        StringBuilder out = new StringBuilder(number(total)).append(total == 1 ? " issue: " : " issues: ");
        for (int i = 0; i < outcomes.size(); i++) {
            long count = outcomes.get(i).count();
            String words = words(outcomes.get(i).outcome());
            out.append(i == 0 ? "" : ", ").append(number(count)).append(' ')
                    .append(count == 1 ? words.replaceFirst("^(error|warning)s", "$1") : words);
        }
        return out.append('.').toString();
    }

    /** What issues of an outcome did to their records, in a few words, for a count to precede. */
    public static String words(Outcome outcome) {
        return switch (outcome) {
            case fatal -> "fatal (a file or the run refused)";
            case skipped -> "skipped (records not imported)";
            case error -> "errors (records kept, and reported)";
            case warning -> "warnings (imported as understood)";
        };
    }

    /** A count as people read it: 2,058. */
    public static String number(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }

    /** How many issues of the outcome the run has. */
    public long count(Outcome outcome) {
        return outcomes.stream().filter(o -> o.outcome() == outcome).mapToLong(OutcomeCount::count).sum();
    }
}
