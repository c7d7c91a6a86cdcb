package org.rostersync.console;

import io.micronaut.core.annotation.Nullable;

/**
 * What every page's frame shows: its title, who is signed in (null on the sign-in page), and the token its forms
 * carry.
 */
public record Frame(String title, @Nullable String username, boolean admin, @Nullable String csrf) {

    static Frame of(String title, Session session) {
        return new Frame(title, session.operator().username(), session.operator().isAdmin(), session.csrf());
    }

    static Frame signedOut(String title) {
        return new Frame(title, null, false, null);
    }

    public boolean signedIn() {
        return username != null;
    }
}
