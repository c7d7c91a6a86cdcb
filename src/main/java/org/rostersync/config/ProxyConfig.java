package org.rostersync.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.util.Arrays;
import java.util.List;

/**
 * The reverse proxies whose {@code X-Forwarded-Proto}, {@code X-Forwarded-Host} and {@code X-Forwarded-Port} headers
 * say what address a client used (for OAuth 1.0a signatures, and HSTS behind a TLS proxy). From any other address those
 * headers are ignored: a client could otherwise name any origin it liked.
 *
 * @param trustedProxies addresses or CIDR networks, comma separated ({@code ROSTERSYNC_TRUSTED_PROXIES}); checked
 *                       where they are used ({@code api.oneroster.ForwardedOrigin})
 */
@ConfigurationProperties("rostersync.proxy")
public record ProxyConfig(@Nullable String trustedProxies) {

    /** The networks as written, blanks dropped. */
    public List<String> networks() {
        return trustedProxies == null ? List.of()
                : Arrays.stream(trustedProxies.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
