package org.rostersync.api.oneroster;

import java.util.List;

/**
 * What authenticating a request found: the client's access, or why it is refused and the {@code WWW-Authenticate}
 * challenges to answer with (one header each).
 */
record Verdict(ClientAccess access, List<String> challenges, String description) {

    static Verdict admitted(ClientAccess access) {
        return new Verdict(access, List.of(), null);
    }

    static Verdict refused(String description, String... challenges) {
        return new Verdict(null, List.of(challenges), description);
    }

    boolean isAdmitted() {
        return access != null;
    }
}
