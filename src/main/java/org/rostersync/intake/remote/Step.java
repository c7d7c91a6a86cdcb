package org.rostersync.intake.remote;

/** The steps of reaching a remote delivery, in order; a failed run's issue code names the step. */
public enum Step {
    NAME_LOOKUP("name lookup", "remote.name_lookup_failed"),
    CONNECT("connect", "remote.connect_failed"),
    HOST_KEY("host key", "remote.host_key_failed"),
    AUTHENTICATION("authentication", "remote.authentication_failed"),
    FOLDER("folder", "remote.folder_failed"),
    FILES("files", "remote.files_failed"),
    DOWNLOAD("download", "remote.download_failed");

    private final String label;
    private final String issueCode;

    Step(String label, String issueCode) {
        this.label = label;
        this.issueCode = issueCode;
    }

    public String label() {
        return label;
    }

    public String issueCode() {
        return issueCode;
    }
}
