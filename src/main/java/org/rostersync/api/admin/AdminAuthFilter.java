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

/**
 * Every /api request must carry HTTP Basic credentials of the operator {@code admin}, checked by the same defence as
 * the console's sign-in ({@link OperatorLogins}): a guessing address is slowed, then banned, and a lock the console's
 * failures put on {@code admin} holds here too.
 */
@ServerFilter("/api/**")
class AdminAuthFilter {

    private final OperatorLogins logins;

    AdminAuthFilter(OperatorLogins logins) {
        this.logins = logins;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> authenticate(HttpRequest<?> request) {
        var credentials = BasicCredentials.parse(request.getHeaders().getAuthorization().orElse(null));
        String message = "operator credentials required (HTTP Basic, user admin)";
        if (credentials.isPresent()) {
            // any name is checked (and counts as a failure when wrong): a guess at another name is a guess too
            OperatorLogins.Outcome outcome = logins.login(credentials.get().user(), credentials.get().password(),
                    request.getRemoteAddress().getAddress());
            if (outcome instanceof OperatorLogins.Outcome.Banned banned) {
                long seconds = Math.max(1, Duration.between(Instant.now(), banned.until()).toSeconds() + 1);
                return HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", Long.toString(seconds))
                        .body(new ApiError("too many failed logins from this address: refused for " + seconds + " s", null));
            }
            if (outcome instanceof OperatorLogins.Outcome.Admitted admitted
                    && OperatorService.ADMIN.equals(admitted.operator().username())) {
                return null;
            }
            if (outcome instanceof OperatorLogins.Outcome.Refused refused && refused.locked()) {
                message = "the operator is locked after " + logins.lockAfterFailures() + " failed logins in a row; try again in "
                        + logins.lockFor().toMinutes() + " minutes, or from an address it signed in from before";
            }
        }
        return HttpResponse.unauthorized()
                .header("WWW-Authenticate", "Basic realm=\"rostersync admin\", charset=\"UTF-8\"")
                .body(new ApiError(message, null));
    }
}
