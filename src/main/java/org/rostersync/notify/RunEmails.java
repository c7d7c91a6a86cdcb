package org.rostersync.notify;

import org.rostersync.report.FileCounts;
import org.rostersync.report.Issue;
import org.rostersync.report.RunSummary;
import org.rostersync.report.Run;
import org.rostersync.report.RunStatus;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Writes the emails about runs: plain text that reads the same in any mail client, the subject saying what happened
 * (and what the safeguard found, for a held run) so that an inbox shows it without opening the email. Times are in the
 * source's own time zone, the one its schedule uses.
 */
final class RunEmails {

    /** Where the source is in words: "Riverside USD / Aeries". */
    record Names(String tenant, String source) {
        String both() {
            return tenant + " / " + source;
        }
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz", Locale.ROOT);
    private static final int SUBJECT_DETAIL = 120;

    private final String publicUrl;

    RunEmails(String publicUrl) {
        this.publicUrl = publicUrl;
    }

    /** The run's page in the operator console. */
    String runLink(Run run) {
        return publicUrl + "/console/runs/" + run.id();
    }

    /** The run in the admin API, for scripts. */
    private String apiLink(Run run) {
        return publicUrl + "/api/runs/" + run.id();
    }

    /** Groups of issues an announcement lists; the run's page and the vendor report have them all. */
    static final int SUMMARY_GROUPS = 10;

    /**
     * The announcement of a run's end. It opens with the run's summary: its issues grouped by code and file, those that
     * cost records first, each with its fix and examples.
     *
     * @param safeguards the safeguard findings of a held run (what it would have deleted or changed)
     */
    Email run(List<String> recipients, Names names, ZoneId zone, Run run, RunSummary summary, List<Issue> safeguards) {
        boolean urgent = run.status() == RunStatus.held || run.status() == RunStatus.failed;
        String subject = "[rostersync] " + (urgent ? "Action needed: " : "") + names.both() + ": " + headline(run, safeguards);
        StringBuilder b = new StringBuilder();
        b.append(opening(names, run)).append("\n\n");
        b.append("Summary: ").append(summary.totals()).append('\n');
        SummaryText.groups(b, summary, SUMMARY_GROUPS, publicUrl);
        b.append('\n');
        line(b, "Run", run.id().toString());
        line(b, "Status", run.status().name());
        line(b, "Trigger", run.trigger().name() + (run.scheduledFor() == null ? "" : ", scheduled for " + when(run.scheduledFor(), zone)));
        if (run.startedAt() != null) {
            line(b, "Started", when(run.startedAt(), zone));
        }
        if (run.finishedAt() != null) {
            line(b, "Finished", when(run.finishedAt(), zone) + (run.startedAt() == null ? ""
                    : " (" + duration(Duration.between(run.startedAt(), run.finishedAt())) + ")"));
        }
        if (run.message() != null) {
            line(b, "Message", run.message());
        }
        if (!run.files().isEmpty()) {
            b.append("\nFiles").append(run.status() == RunStatus.held || run.status() == RunStatus.failed
                    ? " (what the run found; nothing was applied)" : "").append(":\n");
            for (FileCounts f : run.files()) {
                b.append("  ").append(f.name()).append(" (").append(f.mode()).append("): ").append(counts(f)).append('\n');
            }
            b.append("  Total: ").append(number(total(run.files(), FileCounts::rows))).append(" rows read; ")
                    .append(number(total(run.files(), FileCounts::errors))).append(" errors, ")
                    .append(number(total(run.files(), FileCounts::skipped))).append(" skipped, ")
                    .append(number(total(run.files(), FileCounts::warnings))).append(" warnings\n");
        }
        if (!safeguards.isEmpty()) {
            b.append("\nHeld by the safeguards:\n");
            for (Issue i : safeguards) {
                b.append("  ").append(i.file() == null ? "" : i.file() + " ").append(i.message()).append('\n');
            }
            b.append("Approve the run to apply exactly this, or discard it, on its page: ").append(runLink(run))
                    .append("\n(or through the admin API: POST ").append(apiLink(run)).append("/approve or ")
                    .append(apiLink(run)).append("/discard)\n");
        }
        b.append("\nThe run: ").append(runLink(run)).append('\n');
        b.append("Its issues as CSV: ").append(runLink(run)).append("/issues.csv\n");
        return new Email(recipients, subject, footer(b, names, recipients).toString(), urgent);
    }

    /** The daily reminder of the runs that still wait for an operator's decision. */
    /** @param held the runs still held, each with what the safeguards found */
    Email heldDigest(List<String> recipients, Names names, ZoneId zone, java.util.Map<Run, List<Issue>> held) {
        String subject = "[rostersync] Action needed: " + names.both() + ": " + held.size() + (held.size() == 1 ? " run is" : " runs are")
                + " held, waiting for a decision";
        StringBuilder b = new StringBuilder();
        b.append(held.size() == 1 ? "A run of " : held.size() + " runs of ").append(names.source()).append(" (").append(names.tenant())
                .append(held.size() == 1 ? ") is" : ") are").append(" held by the safeguards. Nothing of ")
                .append(held.size() == 1 ? "it" : "them").append(" is applied until an operator approves or discards ")
                .append(held.size() == 1 ? "it" : "each").append(".\n");
        held.forEach((run, findings) -> {
            b.append('\n');
            line(b, "Run", run.id().toString());
            line(b, "Held since", run.finishedAt() == null ? "?" : when(run.finishedAt(), zone));
            for (Issue i : findings) {
                line(b, "Found", (i.file() == null ? "" : i.file() + " ") + i.message());
            }
            line(b, "Read it", runLink(run));
            line(b, "Decide", "on its page, or POST " + apiLink(run) + "/approve or " + apiLink(run) + "/discard");
        });
        return new Email(recipients, subject, footer(b, names, recipients).toString(), true);
    }

    private static String opening(Names names, Run run) {
        String who = "The run of " + names.source() + " (" + names.tenant() + ")";
        return switch (run.status()) {
            case succeeded -> who + " succeeded.";
            case succeeded_with_issues -> who + " succeeded with issues: the records with errors were kept, the skipped ones"
                    + " were not imported.";
            case held -> who + " was held by a safeguard: nothing was applied. It waits for an operator to approve or discard it.";
            case failed -> who + " failed: nothing was applied, and the roster is as it was.";
            case no_new_delivery -> who + " found no new delivery since the last applied run: nothing was applied.";
            default -> who + " ended: " + run.status() + ".";
        };
    }

    private static String headline(Run run, List<Issue> safeguards) {
        List<FileCounts> files = run.files();
        return switch (run.status()) {
            case succeeded -> "run succeeded, " + number(total(files, FileCounts::rows)) + " rows: " + changes(files);
            case succeeded_with_issues -> "run succeeded with " + number(issues(files)) + " issues, "
                    + number(total(files, FileCounts::rows)) + " rows: " + changes(files);
            case held -> "run held: " + (safeguards.isEmpty() ? "a safeguard tripped"
                    : cut((safeguards.get(0).file() == null ? "" : safeguards.get(0).file() + " ") + safeguards.get(0).message()
                    + (safeguards.size() > 1 ? " (and " + (safeguards.size() - 1) + " more)" : "")));
            case failed -> "run failed: " + cut(run.message() == null ? "see the run" : run.message());
            case no_new_delivery -> "no new delivery, nothing applied";
            default -> "run " + run.status();
        };
    }

    private static String changes(List<FileCounts> files) {
        return number(total(files, FileCounts::inserted)) + " inserted, " + number(total(files, FileCounts::updated)) + " updated, "
                + number(total(files, FileCounts::deleted)) + " deleted";
    }

    private static String counts(FileCounts f) {
        return number(f.rows()) + " read, " + number(f.inserted()) + " inserted, " + number(f.updated()) + " updated, "
                + number(f.unchanged()) + " unchanged, " + number(f.deleted()) + " deleted, " + number(f.restored()) + " restored, "
                + number(f.skipped()) + " skipped, " + number(f.errors()) + " errors, " + number(f.warnings()) + " warnings";
    }

    private static long issues(List<FileCounts> files) {
        return total(files, f -> f.errors() + f.skipped() + f.warnings());
    }

    private static long total(List<FileCounts> files, java.util.function.ToLongFunction<FileCounts> count) {
        return files.stream().mapToLong(count).sum();
    }

    private StringBuilder footer(StringBuilder b, Names names, List<String> recipients) {
        return b.append("\n-- \nrostersync sends this to the notification recipients of ").append(names.source()).append(" (")
                .append(String.join(", ", recipients)).append(").\n");
    }

    private static void line(StringBuilder b, String label, String value) {
        b.append(label).append(": ").append(value).append('\n');
    }

    private static String when(Instant at, ZoneId zone) {
        return WHEN.format(at.atZone(zone));
    }

    private static String duration(Duration d) {
        long seconds = d.toSeconds();
        return seconds < 60 ? String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0)
                : seconds / 60 + " min " + seconds % 60 + " s";
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String cut(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= SUBJECT_DETAIL ? oneLine : oneLine.substring(0, SUBJECT_DETAIL - 1) + "…";
    }
}
