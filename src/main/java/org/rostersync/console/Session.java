package org.rostersync.console;

import org.rostersync.operator.Operator;

/**
 * A signed-in operator's session.
 *
 * @param csrf the token every form of this session carries back
 */
record Session(String tokenSha256, Operator operator, String csrf) {

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
