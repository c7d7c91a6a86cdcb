package org.rostersync.api.oneroster;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.DefaultHttpHostResolver;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.context.annotation.Context;
import jakarta.inject.Singleton;
import org.rostersync.config.ProxyConfig;
import org.rostersync.tenant.AllowedNetwork;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The origin ({@code scheme://host[:port]}) a client used to reach us, in place of Micronaut's resolver: the request's
 * own (TLS or not, its {@code Host} header), or, when the request comes from a trusted proxy
 * ({@code ROSTERSYNC_TRUSTED_PROXIES}), what the proxy's {@code X-Forwarded-Proto}, {@code X-Forwarded-Host} and
 * {@code X-Forwarded-Port} say. An OAuth 1.0a signature covers the URL the client saw, so behind a TLS proxy the
 * request's own origin ({@code http://backend:8080}) would never match; trusting the headers from anyone would let a
 * client pick the origin its signature is checked against. Of a header a chain of proxies appended to, the last value
 * counts: the one the nearest proxy, a trusted one, set.
 */
@Singleton
@Context // its settings are checked at start, not at the first request
@Replaces(DefaultHttpHostResolver.class)
class ForwardedOrigin implements HttpHostResolver {

    private static final Pattern HOST = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+)(:\\d{1,5})?");

    private final List<AllowedNetwork> proxies;

    ForwardedOrigin(ProxyConfig config) {
        this.proxies = config.networks().stream().map(network -> {
            try {
                return AllowedNetwork.parse(network);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("rostersync.proxy.trusted-proxies (ROSTERSYNC_TRUSTED_PROXIES): " + e.getMessage());
            }
        }).toList();
    }

    @Override
    public String resolve(HttpRequest request) {
        String scheme = request.isSecure() ? "https" : "http";
        String host = last(request.getHeaders().get("Host"));
        if (fromTrustedProxy(request)) {
            String proto = last(request.getHeaders().get("X-Forwarded-Proto"));
            if (proto != null && (proto.equalsIgnoreCase("https") || proto.equalsIgnoreCase("http"))) {
                scheme = proto.toLowerCase(Locale.ROOT);
            }
            String forwardedHost = last(request.getHeaders().get("X-Forwarded-Host"));
            if (forwardedHost != null && HOST.matcher(forwardedHost).matches()) {
                host = forwardedHost;
                String port = last(request.getHeaders().get("X-Forwarded-Port"));
                if (port != null && port.matches("\\d{1,5}") && !host.matches(".*:\\d{1,5}")) {
                    host = host + ":" + port;
                }
            }
        }
        if (host == null || !HOST.matcher(host).matches()) {
            InetSocketAddress server = request.getServerAddress();
            String address = server.getAddress().getHostAddress();
            host = (address.contains(":") ? "[" + address + "]" : address) + ":" + server.getPort();
        }
        return scheme + "://" + host;
    }

    private boolean fromTrustedProxy(HttpRequest<?> request) {
        InetAddress from = request.getRemoteAddress().getAddress();
        return from != null && proxies.stream().anyMatch(network -> network.contains(from));
    }

    /** The last of a header's comma-separated values, or null. */
    private static String last(String header) {
        if (header == null) {
            return null;
        }
        String[] values = header.split(",");
        String value = values[values.length - 1].strip();
        return value.isEmpty() ? null : value;
    }
}
