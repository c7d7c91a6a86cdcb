package org.rostersync.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * Every console page but the sign-in page and the style sheet needs a live session: without one, a page asked for
 * is answered with the sign-in page's address (and the page to come back to). A request that changes something must
 * come from our own pages: a cross-site {@code Origin} is refused here, the form's token by the page itself.
 */
@ServerFilter("/console/**")
class ConsoleAuthFilter {

    static final String COOKIE = "rostersync_console";

    private final ConsoleSessions sessions;
    private final MailBanner mail;

    ConsoleAuthFilter(ConsoleSessions sessions, MailBanner mail) {
        this.sessions = sessions;
        this.mail = mail;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> authenticate(HttpRequest<?> request) {
        String path = request.getPath();
        if (request.getMethod() != HttpMethod.GET && request.getMethod() != HttpMethod.HEAD && crossSite(request)) {
            return Pages.secured(HttpResponse.status(HttpStatus.FORBIDDEN).body("a request from another site"));
        }
        if (path.equals("/console/login") || path.startsWith("/console/assets/")) {
            return null;
        }
        Optional<Session> session = sessions.find(request.getCookies().findCookie(COOKIE).map(Cookie::getValue).orElse(null),
                Instant.now());
        if (session.isEmpty()) {
            String back = request.getMethod() == HttpMethod.GET ? request.getUri().toString() : "/console";
            return Pages.secured(HttpResponse.seeOther(URI.create("/console/login?next="
                    + URLEncoder.encode(back, StandardCharsets.UTF_8))));
        }
        request.setAttribute(Session.ATTRIBUTE, session.get().warning(mail.banners(session.get().operator())));
        return null;
    }

    /** An Origin header that is not this server's own (browsers send one with every form they post). */
    private static boolean crossSite(HttpRequest<?> request) {
        String origin = request.getHeaders().get("Origin");
        if (origin == null) {
            return false;
        }
        if (origin.equals("null")) {
            return true; // an opaque origin: a sandboxed frame, a file, a redirect from elsewhere
        }
        String host = request.getHeaders().get("Host");
        try {
            URI uri = URI.create(origin);
            return host == null || !host.equalsIgnoreCase(uri.getAuthority());
        } catch (IllegalArgumentException e) {
            return true;
        }
    }
}
