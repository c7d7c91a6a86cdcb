package org.rostersync.intake.remote;

import org.rostersync.report.IssueCode;

/** The steps of reaching a remote delivery, in order; a failed run's issue code names the step. */
public enum Step {
    NAME_LOOKUP("name lookup", IssueCode.REMOTE_NAME_LOOKUP_FAILED),
    CONNECT("connect", IssueCode.REMOTE_CONNECT_FAILED),
    HOST_KEY("host key", IssueCode.REMOTE_HOST_KEY_FAILED),
    AUTHENTICATION("authentication", IssueCode.REMOTE_AUTHENTICATION_FAILED),
    FOLDER("folder", IssueCode.REMOTE_FOLDER_FAILED),
    FILES("files", IssueCode.REMOTE_FILES_FAILED),
    DOWNLOAD("download", IssueCode.REMOTE_DOWNLOAD_FAILED);

    private final String label;
    private final IssueCode issueCode;

    Step(String label, IssueCode issueCode) {
        this.label = label;
        this.issueCode = issueCode;
    }

    public String label() {
        return label;
    }

    public IssueCode issueCode() {
        return issueCode;
    }
}
