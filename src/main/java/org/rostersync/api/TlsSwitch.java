package org.rostersync.api;

import io.micronaut.context.env.PropertyExpressionResolver;
import io.micronaut.core.convert.ConversionService;
import io.micronaut.core.value.PropertyResolver;

import java.util.Optional;

/**
 * The placeholder {@code ${rostersync.tls.enabled}} of application.yml's {@code micronaut.server.ssl.enabled}: true
 * exactly when {@code rostersync.tls.cert} ({@code ROSTERSYNC_TLS_CERT}) is set. Micronaut decides whether to build its
 * TLS context from that property itself, before any bean exists, so a setting of ours can only switch it here; a
 * separate on/off setting would let a certificate be given and silently not served. {@code config.TlsConfig} checks
 * the pair at start. Found by Micronaut through {@code META-INF/services}.
 */
public final class TlsSwitch implements PropertyExpressionResolver {

    static final String EXPRESSION = "rostersync.tls.enabled";

    @Override
    public <T> Optional<T> resolve(PropertyResolver properties, ConversionService conversion, String expression,
                                   Class<T> requiredType) {
        if (!EXPRESSION.equals(expression)) {
            return Optional.empty();
        }
        boolean enabled = properties.getProperty("rostersync.tls.cert", String.class).filter(s -> !s.isBlank()).isPresent();
        return conversion.convert(enabled, requiredType);
    }
}
