package org.rostersync.api.oneroster;

import io.micronaut.aop.InterceptorBean;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;
import jakarta.inject.Singleton;
import org.rostersync.config.ApiRateConfig;

import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Takes a token from the authenticated client's bucket before a {@link RateLimited} route runs; without one the route
 * does not run and the client gets 429 (see {@link RateLimitExceeded}). The bucket is the client's as authentication
 * established it, never a name the request merely claims. The buckets are this instance's.
 */
@Singleton
@InterceptorBean(RateLimited.class)
class RateLimitInterceptor implements MethodInterceptor<Object, Object> {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final TokenBuckets buckets;
    /** One count for all clients: a label per client would grow with the hub (the read audit names them). */
    private final io.micrometer.core.instrument.Counter limited;

    RateLimitInterceptor(ApiRateConfig config, io.micrometer.core.instrument.MeterRegistry registry) {
        this.buckets = new TokenBuckets(config.perSecond(), config.burst(), System::nanoTime);
        this.limited = io.micrometer.core.instrument.Counter.builder("rostersync.api.rate.limited")
                .description("OneRoster API requests refused with 429 by the rate limit").register(registry);
    }

    @Override
    public Object intercept(MethodInvocationContext<Object, Object> context) {
        HttpRequest<Object> request = ServerRequestContext.currentRequest()
                .orElseThrow(() -> new IllegalStateException("a rate-limited route called outside a request"));
        ClientAccess client = request.getAttribute(ClientAccess.ATTRIBUTE, ClientAccess.class)
                .orElseThrow(() -> new IllegalStateException("request reached the OneRoster API without a client"));
        OptionalLong wait = buckets.take(client.tenantId() + "/" + client.clientId());
        if (wait.isPresent()) {
            limited.increment();
            throw new RateLimitExceeded(client.clientId(), Math.max(1, (wait.getAsLong() + SECOND - 1) / SECOND));
        }
        return context.proceed();
    }
}
