package org.rostersync.console;

import io.micronaut.core.annotation.Nullable;
import org.rostersync.report.RunTotals;

import java.util.List;
import java.util.UUID;

/**
 * What the dashboard shows: every source the operator may see, those that need action first, and a summary line.
 *
 * @param silent how many of the sources nobody hears of (no recipients, or notifications off)
 * @param day    the last 24 hours of their runs against the 24 hours before
 */
public record DashboardPage(Frame frame, List<DashboardPage.Row> sources, int needAction, int silent, Day day) {

    /**
     * One source.
     *
     * @param attention  "held" or "failed" when its last run needs an operator, else null
     * @param silence    why nobody hears of the source's runs, or null
     * @param toldNobody why the held or failed last run reached nobody, or null
     */
    public record Row(UUID sourceId, String tenant, String source, @Nullable LastRun lastRun, @Nullable String nextRun,
                      List<Delivered> delivery, String deliverySize, @Nullable String deliveredAt, @Nullable String attention,
                      @Nullable String silence, @Nullable String toldNobody) {

        Row toldNobody(@Nullable String why) {
            return new Row(sourceId, tenant, source, lastRun, nextRun, delivery, deliverySize, deliveredAt, attention, silence, why);
        }
    }

    /** The runs of the last 24 hours and of the 24 hours before. */
    public record Day(RunTotals.Totals last, RunTotals.Totals before) {

        /** The summary line's counts: "3 runs, 48,210 records read, 2,058 issues (1,204 the day before)". */
        public String line() {
            return Numbers.of(last.runs()) + (last.runs() == 1 ? " run, " : " runs, ") + Numbers.of(last.records())
                    + " records read, " + Numbers.of(last.issues()) + (last.issues() == 1 ? " issue" : " issues");
        }

        /** The issues against the day before, in words: "1,204 the day before: 854 more". */
        public String against() {
            long change = last.issues() - before.issues();
            return Numbers.of(before.issues()) + " the day before" + (change == 0 ? ", as many"
                    : change > 0 ? ": " + Numbers.of(change) + " more" : ": " + Numbers.of(-change) + " fewer");
        }
    }

    /**
     * @param records rows read over every file
     * @param changed records inserted, updated or deleted
     * @param skipped records left out
     * @param errors   issues with the outcome error
     * @param warnings issues with the outcome warning
     */
    public record LastRun(UUID id, String status, String when, long records, long changed, long skipped, long errors, long warnings) {

        /** Errors, warnings and skipped records together, as the source page's chart counts them. */
        public long issues() {
            return errors + warnings + skipped;
        }
    }

    public record Delivered(String name, String size, String when) {
    }
}
