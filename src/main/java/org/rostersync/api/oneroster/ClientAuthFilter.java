package org.rostersync.api.oneroster;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.rostersync.security.BasicCredentials;
import org.rostersync.tenant.TenantService;

import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * Authenticates API clients (HTTP Basic with the client id and secret) and pins the request to the client's tenant:
 * controllers read what the client may see from the request attribute {@link ClientAccess#ATTRIBUTE}, never from the
 * request itself.
 */
@ServerFilter("/ims/**")
class ClientAuthFilter {

    private final TenantService tenants;

    ClientAuthFilter(TenantService tenants) {
        this.tenants = tenants;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> authenticate(HttpRequest<?> request) throws SQLException {
        Optional<BasicCredentials> credentials = BasicCredentials.parse(request.getHeaders().getAuthorization().orElse(null));
        Optional<UUID> tenant = credentials.isEmpty() ? Optional.empty()
                : tenants.authenticateApiClient(credentials.get().user(), credentials.get().password());
        if (tenant.isPresent()) {
            request.setAttribute(ClientAccess.ATTRIBUTE, ClientAccess.wholeTenant(credentials.get().user(), tenant.get()));
            return null;
        }
        return StatusInfo.failure(HttpStatus.UNAUTHORIZED, "unauthorized",
                        credentials.isEmpty() ? "API client credentials required (HTTP Basic: client id and secret)"
                                : "unknown API client or wrong secret")
                .header("WWW-Authenticate", "Basic realm=\"rostersync OneRoster\", charset=\"UTF-8\"");
    }
}
