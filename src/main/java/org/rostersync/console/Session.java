package org.rostersync.console;

import org.rostersync.operator.Operator;

/**
 * A signed-in operator's session.
 *
 * @param csrf     the token every form of this session carries back
 * @param warnings what every page of this request must warn of (no mail server), set by the console filter
 */
record Session(String tokenSha256, Operator operator, String csrf, java.util.List<String> warnings) {

    Session {
        warnings = java.util.List.copyOf(warnings);
    }

    Session(String tokenSha256, Operator operator, String csrf) {
        this(tokenSha256, operator, csrf, java.util.List.of());
    }

    /** The session, its pages warning of these. */
    Session warning(java.util.List<String> shown) {
        return new Session(tokenSha256, operator, csrf, shown);
    }

    /** The request attribute under which the console filter leaves the session for the pages. */
    static final String ATTRIBUTE = "rostersync.console.session";

    /** The signed-in operator as the author of a change, for the settings audit log. */
    org.rostersync.tenant.Actor actor() {
        return new org.rostersync.tenant.Actor(operator.username());
    }

    /** Whether a form's token is this session's (compared in constant time). */
    boolean allows(String formToken) {
        return formToken != null && java.security.MessageDigest.isEqual(
                csrf.getBytes(java.nio.charset.StandardCharsets.UTF_8), formToken.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
