package org.rostersync.api.oneroster;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A client over its rate limit: answered 429 with {@code Retry-After} (whole seconds) and the codeMinor server_busy. */
class RateLimitExceeded extends RuntimeException {

    private final long retryAfterSeconds;

    RateLimitExceeded(String clientId, long retryAfterSeconds) {
        super("rate limit of API client " + clientId + " exceeded; retry after " + retryAfterSeconds + " s", null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Produces
    @Singleton
    @Requires(classes = {RateLimitExceeded.class, ExceptionHandler.class})
    static class Answer implements ExceptionHandler<RateLimitExceeded, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, RateLimitExceeded e) {
            return StatusInfo.failure(HttpStatus.TOO_MANY_REQUESTS, "server_busy", e.getMessage())
                    .header("Retry-After", Long.toString(e.retryAfterSeconds));
        }
    }
}
