package org.rostersync.api.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.rostersync.operator.OperatorLogins;
import org.rostersync.operator.OperatorService;
import org.rostersync.security.BasicCredentials;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Every /api request must carry HTTP Basic credentials of the operator {@code admin}, or an operator's API token
 * ({@code Authorization: Bearer rst_...}); both are checked by the same defence as the console's sign-in
 * ({@link OperatorLogins}): a guessing address is slowed, then banned, and a lock the console's failures put on
 * {@code admin} holds here too. A token is looked up on every request, so a revoked one is refused at once. A tenant
 * operator is then held to its own tenant ({@link TenantScope}), and the caller is left on the request for the
 * controllers ({@link Caller}).
 */
@ServerFilter("/api/**")
class AdminAuthFilter {

    private static final String CHALLENGE = "Basic realm=\"rostersync admin\", charset=\"UTF-8\"";

    private final OperatorLogins logins;
    private final TenantScope scope;

    AdminAuthFilter(OperatorLogins logins, TenantScope scope) {
        this.logins = logins;
        this.scope = scope;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> authenticate(HttpRequest<?> request) {
        String authorization = request.getHeaders().getAuthorization().orElse(null);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            OperatorLogins.Outcome outcome = logins.token(authorization.substring(7).strip(), request.getRemoteAddress().getAddress());
            if (outcome instanceof OperatorLogins.Outcome.Admitted admitted) {
                return admit(request, new Caller(admitted.operator()));
            }
            if (outcome instanceof OperatorLogins.Outcome.Banned banned) {
                return banned(banned);
            }
            return HttpResponse.unauthorized().header("WWW-Authenticate", "Bearer realm=\"rostersync admin\"")
                    .body(new ApiError("this API token is not one (it was revoked, its operator removed, or it was mistyped):"
                            + " make a new one on your account page", null));
        }
        var credentials = BasicCredentials.parse(authorization);
        String message = "operator credentials required (HTTP Basic, user admin; or an operator's API token: Authorization: Bearer ...)";
        if (credentials.isPresent()) {
            // any name is checked (and counts as a failure when wrong): a guess at another name is a guess too
            OperatorLogins.Outcome outcome = logins.login(credentials.get().user(), credentials.get().password(),
                    request.getRemoteAddress().getAddress());
            if (outcome instanceof OperatorLogins.Outcome.Banned banned) {
                return banned(banned);
            }
            if (outcome instanceof OperatorLogins.Outcome.Admitted admitted
                    && OperatorService.ADMIN.equals(admitted.operator().username())) {
                return admit(request, new Caller(admitted.operator()));
            }
            if (outcome instanceof OperatorLogins.Outcome.Admitted) {
                message = "HTTP Basic is for the operator admin; other operators call the API with a token from their account page"
                        + " (Authorization: Bearer ...)";
            }
            if (outcome instanceof OperatorLogins.Outcome.Refused refused && refused.locked()) {
                message = "the operator is locked after " + logins.lockAfterFailures() + " failed logins in a row; try again in "
                        + logins.lockFor().toMinutes() + " minutes, or from an address it signed in from before";
            }
        }
        return HttpResponse.unauthorized().header("WWW-Authenticate", CHALLENGE).body(new ApiError(message, null));
    }

    /** The caller is known: held to its tenant, then left on the request for the controllers. */
    @Nullable
    private HttpResponse<?> admit(HttpRequest<?> request, Caller caller) {
        Optional<TenantScope.Refusal> refusal = scope.check(caller, request.getMethod(), request.getPath());
        if (refusal.isPresent()) {
            return HttpResponse.status(refusal.get().notFound() ? HttpStatus.NOT_FOUND : HttpStatus.FORBIDDEN)
                    .body(new ApiError(refusal.get().message(), null));
        }
        request.setAttribute(Caller.ATTRIBUTE, caller);
        return null;
    }

    private static HttpResponse<?> banned(OperatorLogins.Outcome.Banned banned) {
        long seconds = Math.max(1, Duration.between(Instant.now(), banned.until()).toSeconds() + 1);
        return HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", Long.toString(seconds))
                .body(new ApiError("too many failed logins from this address: refused for " + seconds + " s", null));
    }
}
