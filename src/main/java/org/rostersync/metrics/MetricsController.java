package org.rostersync.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * {@code GET /metrics}: every meter in Prometheus's text format, to those {@link MetricsAccess} admits. Anyone else gets
 * a plain 404, as for a path that does not exist: the endpoint is not advertised to the internet.
 */
@Controller("/metrics")
class MetricsController {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final MetricsAccess access;

    MetricsController(PrometheusMeterRegistry registry, MetricsAccess access) {
        this.registry = registry;
        this.access = access;
    }

    @Get
    @ExecuteOn(TaskExecutors.BLOCKING) // a password is checked with Argon2, and gauges may ask the database
    HttpResponse<String> scrape(HttpRequest<?> request) {
        boolean forwarded = MetricsAccess.forwardingHeaders().stream().anyMatch(h -> request.getHeaders().contains(h));
        if (!access.admits(request.getRemoteAddress().getAddress(), forwarded, request.getHeaders().getAuthorization().orElse(null))) {
            return HttpResponse.notFound();
        }
        return HttpResponse.ok(registry.scrape()).contentType(MediaType.of(PROMETHEUS_TEXT));
    }
}
