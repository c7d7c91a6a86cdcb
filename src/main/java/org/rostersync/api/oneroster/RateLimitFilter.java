package org.rostersync.api.oneroster;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.rostersync.config.ApiRateConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Limits each API client to its rate: over it, 429 with {@code Retry-After} (whole seconds) and imsx status info
 * {@code server_busy}. The bucket is the authenticated client's, never a name the request merely claims, so this must run
 * after authentication. The buckets are this instance's.
 * <p>
 * Order: Micronaut 4 gives a filter without {@code @Order} the lowest precedence ({@code Integer.MAX_VALUE}), and
 * {@link ClientAuthFilter} declares none, so nothing can be ordered after it; this filter declares none either and runs
 * after it by registration order. Should that ever change, the response side below notices and logs an error (and the
 * rate limit test fails). The lasting fix is an explicit {@code @Order} on the authentication filter below this one's.
 */
@ServerFilter("/ims/**")
class RateLimitFilter {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimitFilter.class);
    private static final String COUNTED = "rostersync.rate-counted";

    private final TokenBuckets buckets;
    private final AtomicBoolean misorderReported = new AtomicBoolean();

    RateLimitFilter(ApiRateConfig config) {
        this.buckets = new TokenBuckets(config.perSecond(), config.burst(), System::nanoTime);
    }

    // Not @ExecuteOn: it only counts in memory.
    @RequestFilter
    @Nullable
    HttpResponse<?> limit(HttpRequest<?> request) {
        ClientAccess client = request.getAttribute(ClientAccess.ATTRIBUTE, ClientAccess.class).orElse(null);
        if (client == null) {
            return null; // authentication refused it (and answered), or ran later: see respond()
        }
        request.setAttribute(COUNTED, Boolean.TRUE);
        OptionalLong wait = buckets.take(client.tenantId() + "/" + client.clientId());
        if (wait.isEmpty()) {
            return null;
        }
        long second = TimeUnit.SECONDS.toNanos(1);
        long seconds = Math.max(1, (wait.getAsLong() + second - 1) / second);
        return StatusInfo.failure(HttpStatus.TOO_MANY_REQUESTS, "server_busy",
                        "rate limit of API client " + client.clientId() + " exceeded; retry after " + seconds + " s")
                .header("Retry-After", Long.toString(seconds));
    }

    @ResponseFilter
    void respond(HttpRequest<?> request) {
        if (request.getAttribute(ClientAccess.ATTRIBUTE).isPresent() && request.getAttribute(COUNTED).isEmpty()
                && misorderReported.compareAndSet(false, true)) {
            LOG.error("The OneRoster rate limit is not applied: the authentication filter ran after it. Give the authentication"
                    + " filter an @Order that puts it before RateLimitFilter.");
        }
    }
}
