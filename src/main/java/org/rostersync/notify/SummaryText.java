package org.rostersync.notify;

import org.rostersync.report.RunSummary;

import java.util.List;

/**
 * A run's {@link RunSummary} as plain text for an email: its totals, then each group (the ones that cost records first)
 * with what it means, the fix at the SIS and its examples. Counts carry thousands separators.
 */
final class SummaryText {

    private SummaryText() {
    }

    /**
     * The groups, at most {@code maxGroups} of them (the rest counted in a last line).
     *
     * @param linkBase the address the groups' links start with (the public URL), or null for none (a vendor has no login)
     */
    static void groups(StringBuilder b, RunSummary summary, int maxGroups, String linkBase) {
        List<RunSummary.Group> groups = summary.groups();
        for (int i = 0; i < groups.size() && i < maxGroups; i++) {
            RunSummary.Group g = groups.get(i);
            b.append('\n').append(number(g.count())).append(' ').append(g.outcome().name()).append(", ")
                    .append(g.file() == null ? "the delivery" : g.file()).append(": ").append(g.code()).append('\n');
            if (!g.explanation().isEmpty()) {
                b.append("  What it means: ").append(g.explanation()).append('\n');
            }
            if (!g.fix().isEmpty()) {
                b.append("  Fix at the SIS: ").append(g.fix()).append('\n');
            }
            for (RunSummary.Example e : g.examples()) {
                b.append("  - ").append(example(e)).append('\n');
            }
            if (linkBase != null) {
                b.append("  All of them: ").append(linkBase).append(g.issues()).append('\n');
            }
        }
        if (groups.size() > maxGroups) {
            long rest = groups.subList(maxGroups, groups.size()).stream().mapToLong(RunSummary.Group::count).sum();
            b.append("\nAnd ").append(groups.size() - maxGroups).append(" more groups (").append(number(rest))
                    .append(rest == 1 ? " issue" : " issues").append(").\n");
        }
    }

    private static String example(RunSummary.Example e) {
        StringBuilder out = new StringBuilder();
        if (e.line() != null) {
            out.append("line ").append(number(e.line()));
        }
        if (e.sourcedId() != null) {
            out.append(out.isEmpty() ? "" : ", ").append("sourcedId ").append(e.sourcedId());
        }
        return out.append(out.isEmpty() ? "" : ": ").append(e.message()).toString();
    }

    private static String number(long n) {
        return RunSummary.number(n);
    }
}
