package org.rostersync.console;

import io.micronaut.core.annotation.Nullable;
import org.rostersync.report.FileCounts;
import org.rostersync.report.IssueSlice;
import org.rostersync.report.Run;
import org.rostersync.roster.Change;

import java.util.List;

/**
 * One run: what it read and changed per file, how long each phase took, its issues (filtered and paged), its delivered
 * files, and for a held run what the safeguards found and the forms to approve or discard it.
 *
 * @param live        whether the run is queued or running (the page reloads itself)
 * @param findings    for a held run, what the safeguards found
 * @param filter      the issue filter as the operator set it, for the form and the links
 * @param nextPage    the address of the next page of issues, or null on the last
 * @param files       the delivered files, or empty when the archive is gone
 * @param notice      what the last action did (approved, discarded), or why it could not
 * @param changes     what the run changed, or for a held run what approving it would do
 * @param summary     the run's issues grouped by code and file, and its report for the vendor contacts
 */
public record RunPage(Frame frame, Run run, String tenant, String source, String created, @Nullable String started,
                      @Nullable String finished, boolean live, List<FileCounts> counts, List<String> findings,
                      Filter filter, List<String> issueFiles, List<String> issueCodes, IssueSlice issues,
                      @Nullable String nextPage, @Nullable String firstPage, List<Delivered> files, boolean archiveRemoved,
                      @Nullable String notice, Changes changes, RunSummaryBlock summary) {

    /**
     * What the run changed (held: what approving it would do): a sample of each file's changes, or a page of those the
     * operator filtered.
     *
     * @param files    the files with changes, for the filter
     * @param file     the file filter as set (blank: every file)
     * @param op       the kind filter as set (blank: every kind)
     * @param nextPage the address of the next page, or null
     * @param problem  why a filter shows nothing, or null
     */
    public record Changes(java.util.UUID tenantId, List<String> files, String file, String op, List<Change> changes, @Nullable String nextPage,
                          @Nullable String firstPage, @Nullable String problem) {

        public static final int SAMPLE_PER_FILE = 5;
        public static final int PER_PAGE = 50;

        /** The page of the changed record. */
        public String recordHref(Change change) {
            return RecordsPage.href(tenantId, change.file(), change.sourcedId());
        }

        public boolean filtered() {
            return !(file.isEmpty() && op.isEmpty());
        }

        /** A change's fields as "givenName: Ann → Bea; grades: 09 → 09,10". */
        public static String fields(Change change) {
            return change.fields().stream().map(f -> f.name() + ": " + shown(f.before()) + " → " + shown(f.after()))
                    .collect(java.util.stream.Collectors.joining("; "));
        }

        private static String shown(@Nullable String value) {
            return value == null ? "(empty)" : value;
        }
    }

    /** The issue filter's fields as the operator typed them (blank: any). */
    public record Filter(String file, String outcome, String code, String sourcedId) {

        public boolean any() {
            return !(file.isEmpty() && outcome.isEmpty() && code.isEmpty() && sourcedId.isEmpty());
        }
    }

    public record Delivered(String name, String size, String sha256, String href) {
    }

    public String status() {
        return run.status().name();
    }

    public boolean held() {
        return run.status() == org.rostersync.report.RunStatus.held;
    }
}
