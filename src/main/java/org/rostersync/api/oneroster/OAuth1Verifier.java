package org.rostersync.api.oneroster;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpHostResolver;
import jakarta.inject.Singleton;
import org.rostersync.security.ControlCharacters;
import org.rostersync.security.OAuth1Signature;
import org.rostersync.security.OAuth1Signature.Param;
import org.rostersync.tenant.TenantService;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * OAuth 1.0a signed requests as OneRoster 1.1 clients send them (two-legged: a consumer key and secret, no token):
 * HMAC-SHA256 or HMAC-SHA1 over the RFC 5849 signature base string, a timestamp within the window, a nonce never seen
 * before. The signed URI is the one the client used: the request's own (its Host header, or a proxy's
 * {@code Forwarded}/{@code X-Forwarded-*} headers when Micronaut is configured to trust them), or the public address
 * {@code ROSTERSYNC_PUBLIC_URL} with the request's path, whichever the signature matches.
 */
@Singleton
class OAuth1Verifier {

    static final String CHALLENGE = "OAuth realm=\"rostersync OneRoster\"";
    private static final Set<String> REQUIRED = Set.of("oauth_consumer_key", "oauth_signature_method", "oauth_timestamp",
            "oauth_nonce", "oauth_signature");
    private static final int MAX_NONCE = 255;

    private final TenantService tenants;
    private final NonceStore nonces;
    private final HttpHostResolver hosts;
    private final long windowSeconds;
    private final String publicUrl;

    OAuth1Verifier(TenantService tenants, NonceStore nonces, HttpHostResolver hosts,
                   @Value("${rostersync.oauth.timestamp-window-seconds:300}") long windowSeconds,
                   @Value("${rostersync.mail.public-url:}") String publicUrl) {
        if (windowSeconds < 1 || windowSeconds > 86_400) {
            throw new IllegalArgumentException("rostersync.oauth.timestamp-window-seconds (ROSTERSYNC_OAUTH_TIMESTAMP_WINDOW_SECONDS)"
                    + " must be 1 to 86400, not " + windowSeconds);
        }
        this.tenants = tenants;
        this.nonces = nonces;
        this.hosts = hosts;
        this.windowSeconds = windowSeconds;
        this.publicUrl = publicUrl == null ? "" : publicUrl.strip().replaceAll("/+$", "");
    }

    /** Whether the request carries OAuth 1.0a parameters in its query instead of a header. */
    static boolean signedInQuery(HttpRequest<?> request) {
        return request.getParameters().contains("oauth_signature");
    }

    /** @param header the {@code Authorization: OAuth ...} header, or null when the parameters are in the query */
    Verdict verify(HttpRequest<?> request, String header, Instant now) {
        List<Param> params = new ArrayList<>();
        try {
            if (header != null) {
                params.addAll(OAuth1Signature.headerParameters(header));
            }
            params.addAll(OAuth1Signature.formParameters(request.getUri().getRawQuery()));
        } catch (IllegalArgumentException e) {
            return refused("malformed OAuth 1.0a parameters: " + e.getMessage());
        }
        Map<String, List<String>> byName = OAuth1Signature.byName(params);
        for (Map.Entry<String, List<String>> e : byName.entrySet()) {
            if (e.getKey().startsWith("oauth_") && e.getValue().size() > 1) {
                return refused(e.getKey() + " appears more than once");
            }
        }
        for (String name : REQUIRED) {
            if (!byName.containsKey(name)) {
                return refused("OAuth 1.0a parameter " + name + " is missing");
            }
        }
        String method = byName.get("oauth_signature_method").get(0);
        if (!method.equals(OAuth1Signature.HMAC_SHA256) && !method.equals(OAuth1Signature.HMAC_SHA1)) {
            return refused("oauth_signature_method must be HMAC-SHA256 or HMAC-SHA1, not " + method);
        }
        if (byName.containsKey("oauth_version") && !"1.0".equals(byName.get("oauth_version").get(0))) {
            return refused("oauth_version must be 1.0");
        }
        if (byName.containsKey("oauth_token") && !byName.get("oauth_token").get(0).isEmpty()) {
            return refused("oauth_token must be empty: OneRoster requests are signed with the client's key and secret only");
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(byName.get("oauth_timestamp").get(0));
        } catch (NumberFormatException e) {
            return refused("oauth_timestamp must be seconds since 1970");
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > windowSeconds) {
            return refused("oauth_timestamp is more than " + windowSeconds + " seconds away from the server's clock");
        }
        String nonce = byName.get("oauth_nonce").get(0);
        if (nonce.isEmpty() || nonce.length() > MAX_NONCE) {
            return refused("oauth_nonce must be 1 to " + MAX_NONCE + " characters");
        }
        if (ControlCharacters.refusal(nonce, false).isPresent()) {
            return refused("oauth_nonce must not hold control characters"); // it is stored: the database refuses a NUL
        }
        String clientId = byName.get("oauth_consumer_key").get(0);
        Optional<TenantService.SigningClient> client = tenants.signingApiClient(clientId);
        if (client.isEmpty()) {
            // the same HMAC work as for a known client, so that timing does not tell which client ids exist
            OAuth1Signature.sign(method, clientId, "", OAuth1Signature.baseString(request.getMethodName(), clientId, params));
            return refused("unknown API client or wrong signature");
        }
        byte[] given = byName.get("oauth_signature").get(0).getBytes(StandardCharsets.UTF_8);
        boolean matches = false;
        for (String baseUri : baseUris(request)) {
            String expected = OAuth1Signature.sign(method, client.get().secret(), "",
                    OAuth1Signature.baseString(request.getMethodName(), baseUri, params));
            matches |= MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given);
        }
        if (!matches) {
            return refused("unknown API client or wrong signature");
        }
        // only a correctly signed request takes up its nonce: others cannot burn a client's nonces
        if (!nonces.firstUse(clientId, nonce, timestamp)) {
            return refused("oauth_nonce was used before: a replayed request");
        }
        return Verdict.admitted(ClientAccesses.of(client.get().client(), null));
    }

    private Set<String> baseUris(HttpRequest<?> request) {
        Set<String> out = new LinkedHashSet<>();
        String path = request.getUri().getRawPath();
        for (String origin : List.of(hosts.resolve(request), publicUrl)) {
            if (origin.isEmpty()) {
                continue;
            }
            try {
                URI uri = URI.create(origin + path);
                if (uri.getScheme() != null && uri.getHost() != null) {
                    out.add(OAuth1Signature.baseUri(uri));
                }
            } catch (IllegalArgumentException e) {
                // an origin we cannot parse cannot have been signed
            }
        }
        return out;
    }

    private static Verdict refused(String description) {
        return Verdict.refused(description, CHALLENGE);
    }
}
