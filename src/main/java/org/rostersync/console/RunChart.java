package org.rostersync.console;

import org.rostersync.report.FileCounts;
import org.rostersync.report.Run;

import java.util.ArrayList;
import java.util.List;

/**
 * The last runs of a source as two rows of bars, oldest on the left: records imported (read and not skipped) and
 * issues (errors, warnings and skipped records). Drawn on the server as SVG: nothing to load, nothing to run.
 */
public record RunChart(int width, int height, List<Bar> records, List<Bar> issues, long maxRecords, long maxIssues) {

    static final int BAR = 14;
    static final int GAP = 4;
    static final int ROW = 70;

    /** One bar: where it stands, how tall it is, what it says when pointed at, and the run it links to. */
    public record Bar(int x, int y, int height, String label, String href, boolean failed) {
    }

    /** @param runs newest first, as the store lists them */
    static RunChart of(List<Run> runs, java.time.ZoneId zone) {
        List<Run> oldestFirst = new ArrayList<>(runs);
        java.util.Collections.reverse(oldestFirst);
        long maxRecords = 1;
        long maxIssues = 1;
        for (Run run : oldestFirst) {
            maxRecords = Math.max(maxRecords, imported(run));
            maxIssues = Math.max(maxIssues, issues(run));
        }
        List<Bar> records = new ArrayList<>();
        List<Bar> issues = new ArrayList<>();
        int x = 0;
        for (Run run : oldestFirst) {
            String when = Dashboard.when(run.createdAt(), zone);
            String href = "/console/runs/" + run.id();
            boolean failed = run.status() == org.rostersync.report.RunStatus.failed;
            int h = height(imported(run), maxRecords);
            records.add(new Bar(x, ROW - h, h, when + ": " + imported(run) + " records imported (" + run.status().name().replace('_', ' ') + ")",
                    href, failed));
            int hi = height(issues(run), maxIssues);
            issues.add(new Bar(x, 2 * ROW + 20 - hi, hi, when + ": " + issues(run) + " issues", href, failed));
            x += BAR + GAP;
        }
        return new RunChart(Math.max(x, BAR), 2 * ROW + 24, records, issues, maxRecords, maxIssues);
    }

    private static int height(long value, long max) {
        return value == 0 ? 0 : (int) Math.max(2, Math.round((double) value * (ROW - 4) / max));
    }

    static long imported(Run run) {
        long n = 0;
        for (FileCounts f : run.files()) {
            n += f.rows() - f.skipped();
        }
        return Math.max(0, n);
    }

    static long issues(Run run) {
        long n = 0;
        for (FileCounts f : run.files()) {
            n += f.errors() + f.warnings() + f.skipped();
        }
        return n;
    }
}
