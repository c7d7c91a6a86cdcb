package org.rostersync.intake.remote;

import org.rostersync.report.IssueCode;

import java.util.List;

/**
 * How fetching a source's delivery before its run ended.
 *
 * @param failed  the step that failed (after the retries), or null when every file was fetched
 * @param message what was fetched, or exactly what went wrong
 * @param notes   things the run should report though the fetch went on (a host key pinned on first contact, an empty
 *                remote folder, a remote file that could not be deleted)
 */
public record FetchResult(Step failed, String message, List<Note> notes) {

    /** A warning for the run's issues. */
    public record Note(IssueCode code, String message) {
    }

    public boolean ok() {
        return failed == null;
    }
}
