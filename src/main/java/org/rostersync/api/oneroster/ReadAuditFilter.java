package org.rostersync.api.oneroster;

import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import org.rostersync.report.ApiRead;

import java.time.Instant;

/**
 * Records every answered OneRoster request of an authenticated client in the audit trail: client, path, filter, status,
 * records returned, address. A response filter of the highest precedence runs last on the way out, so it sees every
 * answer, a 429 of the rate limit or an error included, whatever order the other filters take. A request authentication
 * refused read nothing and has no tenant: it is not recorded here.
 */
@ServerFilter("/ims/**")
@Order(Ordered.HIGHEST_PRECEDENCE)
class ReadAuditFilter {

    private static final int MAX_TEXT = 2_000;

    private final ReadAuditLog log;
    private final HttpClientAddressResolver addresses;

    ReadAuditFilter(ReadAuditLog log, HttpClientAddressResolver addresses) {
        this.log = log;
        this.addresses = addresses;
    }

    @ResponseFilter
    void record(HttpRequest<?> request, MutableHttpResponse<?> response) {
        ClientAccess client = request.getAttribute(ClientAccess.ATTRIBUTE, ClientAccess.class).orElse(null);
        if (client == null) {
            return;
        }
        Integer rows = request.getAttribute(ClientAccess.ROWS_RETURNED, Integer.class).orElse(null);
        log.add(new ApiRead(Instant.now(), client.tenantId(), client.clientId(), request.getMethodName(),
                cut(request.getPath()), cut(request.getParameters().get("filter")), cut(request.getUri().getQuery()),
                response.code(), rows, addresses.resolve(request)));
    }

    /** Keeps a client's long query from making the trail unbounded. */
    private static String cut(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
    }
}
