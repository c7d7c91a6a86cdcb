package org.rostersync.console;

import io.micronaut.core.annotation.Nullable;

/**
 * What every page's frame shows: its title, who is signed in (null on the sign-in page), the token its forms carry, and
 * the banners every page shows (no mail server configured).
 */
public record Frame(String title, @Nullable String username, boolean admin, @Nullable String csrf, java.util.List<String> banners) {

    static Frame of(String title, Session session) {
        return new Frame(title, session.operator().username(), session.operator().isAdmin(), session.csrf(), session.warnings());
    }

    static Frame signedOut(String title) {
        return new Frame(title, null, false, null, java.util.List.of());
    }

    public boolean signedIn() {
        return username != null;
    }
}
