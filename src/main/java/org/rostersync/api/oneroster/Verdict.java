package org.rostersync.api.oneroster;

/**
 * What authenticating a request found: the client's access, or why it is refused and the {@code WWW-Authenticate}
 * challenge to answer with.
 */
record Verdict(ClientAccess access, String challenge, String description) {

    static Verdict admitted(ClientAccess access) {
        return new Verdict(access, null, null);
    }

    static Verdict refused(String challenge, String description) {
        return new Verdict(null, challenge, description);
    }

    boolean isAdmitted() {
        return access != null;
    }
}
