package org.rostersync.console;

import io.micronaut.core.annotation.Nullable;

/** The sign-in page: the page to go on to, and what went wrong with the last try. */
public record LoginPage(Frame frame, String next, @Nullable String username, @Nullable String error) {
}
