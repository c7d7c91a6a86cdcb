package org.rostersync.pipeline;

import org.rostersync.oneroster.RosterFile;
import org.rostersync.report.FileCounts;
import org.rostersync.report.IssueCode;
import org.rostersync.tenant.Safeguards;

import java.util.List;
import java.util.Map;

/**
 * The source's safeguards against a run that would delete or change too much, or withdraw records while rows that
 * could not be read name none: a run that trips one is held for an operator.
 */
final class SafeguardCheck {

    private SafeguardCheck() {
    }

    /**
     * Adds an issue per limit a file exceeds, and per bulk file that would withdraw records while rows of it that could
     * not be read name no record (any of them may be one it withdraws); true when any does.
     */
    static boolean trip(Safeguards safeguards, List<FileCounts> files, Map<RosterFile, UnreadableRows.Unidentified> unidentified,
                        RunIssues issues) {
        boolean tripped = false;
        for (FileCounts f : files) {
            UnreadableRows.Unidentified unread = RosterFile.byFileName(f.name()).map(unidentified::get).orElse(null);
            if (unread != null && f.deleted() > 0) {
                tripped = true;
                boolean one = unread.count() == 1;
                issues.add(IssueCode.SAFEGUARD_UNREADABLE_ROWS.inFile(f.name()).message("would withdraw "
                        + f.deleted() + (f.deleted() == 1 ? " record" : " records") + " it no longer lists, while " + unread.describe()
                        + (one ? " could not be read and names no record" : " could not be read and name no record")
                        + ": a withdrawn record may be " + (one ? "that row's" : "one of those rows'") + ". Fix "
                        + (one ? "the row" : "the rows") + " at the SIS and deliver again, or approve to withdraw"));
            }
            if (f.activeBefore() == 0) {
                continue; // a first import deletes and changes nothing
            }
            long changed = f.updated() - f.restored() + f.deleted();
            if (percent(f.deleted(), f.activeBefore()) > safeguards.maxDeletedPercent()) {
                tripped = true;
                issues.add(IssueCode.SAFEGUARD_DELETIONS.inFile(f.name()).message("would delete " + f.deleted()
                        + " of " + f.activeBefore() + " active records (" + format(percent(f.deleted(), f.activeBefore()))
                        + "%, limit " + safeguards.maxDeletedPercent() + "%)"));
            }
            if (percent(changed, f.activeBefore()) > safeguards.maxChangedPercent()) {
                tripped = true;
                issues.add(IssueCode.SAFEGUARD_CHANGES.inFile(f.name()).message("would change " + changed
                        + " of " + f.activeBefore() + " active records (" + format(percent(changed, f.activeBefore()))
                        + "%, limit " + safeguards.maxChangedPercent() + "%)"));
            }
        }
        return tripped;
    }

    private static double percent(long part, long whole) {
        return 100.0 * part / whole;
    }

    private static String format(double percent) {
        return String.format(java.util.Locale.ROOT, "%.1f", percent);
    }

    /** What holds the run, per file: the safeguards' issues (the ones that only report, _prevented, aside). */
    static List<String> heldReasons(RunIssues issues) {
        return issues.toReport().stream().filter(i -> i.code().startsWith("safeguard.") && !i.code().endsWith("_prevented"))
                .map(i -> i.file() + " " + i.message()).toList();
    }

}
