package org.rostersync.console;

import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.UUID;

/** What the dashboard shows: every source the operator may see, those that need action first. */
public record DashboardPage(Frame frame, List<DashboardPage.Row> sources, int needAction) {

    /** One source. @param attention "held" or "failed" when its last run needs an operator, else null */
    public record Row(UUID sourceId, String tenant, String source, @Nullable LastRun lastRun, @Nullable String nextRun,
                      List<Delivered> delivery, String deliverySize, @Nullable String deliveredAt, @Nullable String attention) {
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
