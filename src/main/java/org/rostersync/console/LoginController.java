package org.rostersync.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.rostersync.config.MailConfig;
import org.rostersync.operator.OperatorLogins;
import org.rostersync.security.ControlCharacters;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Signing in and out of the console. */
@Controller("/console")
@ExecuteOn(TaskExecutors.BLOCKING)
class LoginController {

    private final OperatorLogins operators;
    private final ConsoleSessions sessions;
    private final Pages pages;
    private final boolean secureCookie;

    LoginController(OperatorLogins operators, ConsoleSessions sessions, Pages pages, MailConfig mail) {
        this.operators = operators;
        this.sessions = sessions;
        this.pages = pages;
        // behind https (ROSTERSYNC_PUBLIC_URL), the cookie never travels in the clear
        this.secureCookie = mail.publicUrl().startsWith("https:");
    }

    @Get("/login")
    HttpResponse<String> form(@Nullable @QueryValue String next) {
        return pages.render("console/login.jte", new LoginPage(Frame.signedOut("Sign in"), safeNext(next), null, null));
    }

    @Post(value = "/login", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<String> login(HttpRequest<?> request, @Body Map<String, String> form) {
        String username = form.getOrDefault("username", "").strip().toLowerCase(java.util.Locale.ROOT);
        String password = form.getOrDefault("password", "");
        String next = safeNext(form.get("next"));
        // never a database's error: a name with a NUL is refused before it is looked up
        java.util.Optional<String> refused = ControlCharacters.refusal(username, false).map(p -> "The username " + p + ".")
                .or(() -> ControlCharacters.refusal(password, false).map(p -> "The password " + p + "."));
        if (refused.isPresent()) {
            return pages.render(HttpStatus.BAD_REQUEST, "console/login.jte", new LoginPage(Frame.signedOut("Sign in"), next, null,
                    refused.get()));
        }
        OperatorLogins.Outcome login = operators.login(username, password, request.getRemoteAddress().getAddress());
        if (login instanceof OperatorLogins.Outcome.Admitted admitted) {
            Instant now = Instant.now();
            sessions.removeEnded(now);
            ConsoleSessions.Started started = sessions.start(admitted.operator(), now);
            return Pages.secured(HttpResponse.<String>seeOther(URI.create(next)).cookie(cookie(started.token(), ConsoleSessions.LONGEST.toSeconds())));
        }
        if (login instanceof OperatorLogins.Outcome.Banned banned) {
            long minutes = Math.max(1, (Duration.between(Instant.now(), banned.until()).toSeconds() + 59) / 60);
            return pages.render(HttpStatus.TOO_MANY_REQUESTS, "console/login.jte", new LoginPage(Frame.signedOut("Sign in"), next, username,
                    "Too many failed sign-ins from your address. Try again in " + minutes + " minutes."))
                    .header("Retry-After", Long.toString(Duration.between(Instant.now(), banned.until()).toSeconds() + 1));
        }
        String error = ((OperatorLogins.Outcome.Refused) login).locked()
                ? "This account is locked after " + operators.lockAfterFailures() + " failed sign-ins in a row. Try again in "
                  + operators.lockFor().toMinutes() + " minutes, from where you signed in before, or ask an admin to set a new password."
                : "Wrong username or password. After " + operators.lockAfterFailures() + " failed sign-ins in a row an account is locked for "
                  + operators.lockFor().toMinutes() + " minutes.";
        return pages.render(HttpStatus.UNAUTHORIZED, "console/login.jte", new LoginPage(Frame.signedOut("Sign in"), next, username, error));
    }

    @Post(value = "/logout", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> logout(HttpRequest<?> request, @Body Map<String, String> form) {
        Session session = request.getAttribute(Session.ATTRIBUTE, Session.class).orElseThrow();
        if (!session.allows(form.get("_csrf"))) {
            return Forms.refused();
        }
        sessions.end(session);
        return Pages.seeOther("/console/login").cookie(cookie("", 0));
    }

    private Cookie cookie(String value, long maxAgeSeconds) {
        return Cookie.of(ConsoleAuthFilter.COOKIE, value).path("/console").httpOnly(true).secure(secureCookie)
                .sameSite(SameSite.Lax).maxAge(maxAgeSeconds);
    }

    /** Only a console page of ours to go on to: never another site, never a scheme-relative address. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/console") || next.startsWith("//") || next.contains("\\")
                || next.chars().anyMatch(ch -> ch < 0x21 || ch == 0x7f)) {
            return "/console";
        }
        return next;
    }
}
