package org.rostersync.api.oneroster;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.rostersync.security.BasicCredentials;
import org.rostersync.tenant.ApiClient;
import org.rostersync.tenant.TenantService;

import java.time.Instant;
import java.util.Optional;

/**
 * Authenticates API clients and pins the request to the client's tenant, sources and schools: controllers read what
 * the client may see from the request attribute {@link ClientAccess#ATTRIBUTE}, never from the request itself. Three
 * ways in: a bearer token from {@code /oauth/token}, an OAuth 1.0a signature (header or query), or HTTP Basic with the
 * client id and secret. Then the endpoint's scope: 403 when the client holds none that reaches it.
 */
@ServerFilter("/ims/**")
class ClientAuthFilter {

    static final String BASIC_CHALLENGE = "Basic realm=\"rostersync OneRoster\", charset=\"UTF-8\"";
    static final String BEARER_CHALLENGE = "Bearer realm=\"rostersync OneRoster\"";

    private final TenantService tenants;
    private final AccessTokens tokens;
    private final OAuth1Verifier oauth1;

    ClientAuthFilter(TenantService tenants, AccessTokens tokens, OAuth1Verifier oauth1) {
        this.tenants = tenants;
        this.tokens = tokens;
        this.oauth1 = oauth1;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> authenticate(HttpRequest<?> request) {
        Verdict verdict = verdict(request, request.getHeaders().getAuthorization().orElse(null), Instant.now());
        if (!verdict.isAdmitted()) {
            MutableHttpResponse<?> refused = StatusInfo.failure(HttpStatus.UNAUTHORIZED, "unauthorized", verdict.description());
            for (String challenge : verdict.challenges()) {
                refused.getHeaders().add("WWW-Authenticate", challenge);
            }
            return refused;
        }
        if (!Scopes.allows(verdict.access(), request.getPath())) {
            return StatusInfo.failure(HttpStatus.FORBIDDEN, "forbidden", "this client's scopes do not reach this endpoint: it needs"
                    + " one of " + Scopes.required(request.getPath()));
        }
        request.setAttribute(ClientAccess.ATTRIBUTE, verdict.access());
        return null;
    }

    private Verdict verdict(HttpRequest<?> request, String authorization, Instant now) {
        if (authorization == null) {
            if (OAuth1Verifier.signedInQuery(request)) {
                return oauth1.verify(request, null, now);
            }
            return Verdict.refused("API client credentials required: a bearer token from /oauth/token, an OAuth 1.0a signature,"
                    + " or HTTP Basic with the client id and secret", BEARER_CHALLENGE, OAuth1Verifier.CHALLENGE, BASIC_CHALLENGE);
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return bearer(authorization.substring(7).strip(), now);
        }
        if (authorization.regionMatches(true, 0, "OAuth ", 0, 6)) {
            return oauth1.verify(request, authorization, now);
        }
        Optional<BasicCredentials> basic = BasicCredentials.parse(authorization);
        Optional<ApiClient> client = basic.isEmpty() ? Optional.empty()
                : tenants.authenticateApiClient(basic.get().user(), basic.get().password());
        return client.map(c -> Verdict.admitted(ClientAccesses.of(c, null)))
                .orElseGet(() -> Verdict.refused(basic.isEmpty() ? "unsupported Authorization scheme: use Bearer, OAuth or Basic"
                        : "unknown API client or wrong secret", BASIC_CHALLENGE));
    }

    private Verdict bearer(String token, Instant now) {
        Optional<AccessTokens.Claims> claims = tokens.verify(token, now);
        // the client is read again: a deleted client's tokens stop working at once, a cut scope at once too
        Optional<ApiClient> client = claims.isEmpty() ? Optional.empty()
                : tenants.activeApiClient(claims.get().clientId()).filter(c -> c.tenantId().equals(claims.get().tenantId()));
        if (client.isEmpty()) {
            return Verdict.refused("the bearer token is invalid, expired or its client was deleted",
                    BEARER_CHALLENGE + ", error=\"invalid_token\"");
        }
        return Verdict.admitted(ClientAccesses.of(client.get(), claims.get().scopes()));
    }
}
