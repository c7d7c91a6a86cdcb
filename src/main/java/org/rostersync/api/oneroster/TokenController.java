package org.rostersync.api.oneroster;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.rostersync.security.BasicCredentials;
import org.rostersync.tenant.ApiClient;
import org.rostersync.tenant.TenantService;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The OAuth 2.0 token endpoint, client credentials grant only (RFC 6749 §4.4): the client proves itself with its id and
 * secret, as form parameters or HTTP Basic, and gets a short-lived bearer token for the OneRoster API, optionally
 * narrowed to some of its scopes. Errors are RFC 6749 §5.2's JSON.
 */
@Controller("/oauth/token")
@ExecuteOn(TaskExecutors.BLOCKING)
class TokenController {

    private static final String GRANT = "client_credentials";

    private final TenantService tenants;
    private final AccessTokens tokens;

    TokenController(TenantService tenants, AccessTokens tokens) {
        this.tenants = tenants;
        this.tokens = tokens;
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.APPLICATION_JSON)
    MutableHttpResponse<Map<String, Object>> token(HttpRequest<?> request, @Nullable @Body Map<String, Object> body) {
        Map<String, Object> form = body == null ? Map.of() : body;
        for (Map.Entry<String, Object> e : form.entrySet()) {
            if (e.getValue() instanceof List<?> list && list.size() > 1) {
                return error(HttpStatus.BAD_REQUEST, "invalid_request", e.getKey() + " appears more than once", false);
            }
        }
        String grant = text(form, "grant_type");
        if (grant == null) {
            return error(HttpStatus.BAD_REQUEST, "invalid_request", "grant_type is missing", false);
        }
        if (!GRANT.equals(grant)) {
            return error(HttpStatus.BAD_REQUEST, "unsupported_grant_type", "only grant_type=client_credentials is supported", false);
        }
        Optional<BasicCredentials> basic = BasicCredentials.parse(request.getHeaders().getAuthorization().orElse(null));
        String formId = text(form, "client_id");
        String formSecret = text(form, "client_secret");
        if (basic.isPresent() && (formId != null || formSecret != null)) {
            return error(HttpStatus.BAD_REQUEST, "invalid_request", "credentials in both HTTP Basic and the form: use one", false);
        }
        String clientId = basic.map(b -> formDecode(b.user())).orElse(formId);
        String secret = basic.map(b -> formDecode(b.password())).orElse(formSecret);
        Optional<ApiClient> client = clientId == null || secret == null ? Optional.empty()
                : tenants.authenticateApiClient(clientId, secret);
        if (client.isEmpty()) {
            return error(HttpStatus.UNAUTHORIZED, "invalid_client", clientId == null
                    ? "client credentials required (client_id and client_secret, or HTTP Basic)"
                    : "unknown client or wrong secret", true);
        }
        Set<String> scopes = new LinkedHashSet<>(client.get().scopes());
        String scope = text(form, "scope");
        if (scope != null && !scope.isBlank()) {
            Set<String> asked = new LinkedHashSet<>(Arrays.asList(scope.strip().split(" +")));
            if (!scopes.containsAll(asked)) {
                asked.removeAll(scopes);
                return error(HttpStatus.BAD_REQUEST, "invalid_scope", "this client does not hold " + asked, false);
            }
            scopes = asked;
        }
        String token = tokens.issue(clientId, client.get().tenantId(), scopes, Instant.now());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", token);
        answer.put("token_type", "bearer");
        answer.put("expires_in", tokens.lifetimeSeconds());
        answer.put("scope", String.join(" ", scopes));
        return noStore(HttpResponse.ok(answer));
    }

    private static MutableHttpResponse<Map<String, Object>> error(HttpStatus status, String code, String description,
                                                                 boolean challenge) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("error_description", description);
        MutableHttpResponse<Map<String, Object>> response = HttpResponse.<Map<String, Object>>status(status).body(body);
        if (challenge) {
            response.header("WWW-Authenticate", "Basic realm=\"rostersync OAuth\", charset=\"UTF-8\"");
        }
        return noStore(response);
    }

    private static MutableHttpResponse<Map<String, Object>> noStore(MutableHttpResponse<Map<String, Object>> response) {
        return response.header("Cache-Control", "no-store").header("Pragma", "no-cache");
    }

    private static String text(Map<String, Object> form, String name) {
        Object value = form.get(name);
        if (value instanceof List<?> list) {
            value = list.isEmpty() ? null : list.get(0);
        }
        return value == null ? null : value.toString();
    }

    /** RFC 6749 §2.3.1: the id and secret in HTTP Basic are form-encoded first. */
    private static String formDecode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }
}
