package org.rostersync.console;

import io.micronaut.http.HttpRequest;

/** What the console filter left on a request. */
final class Requests {

    private Requests() {
    }

    static Session session(HttpRequest<?> request) {
        return request.getAttribute(Session.ATTRIBUTE, Session.class)
                .orElseThrow(() -> new IllegalStateException("a console page was reached without a session"));
    }
}
