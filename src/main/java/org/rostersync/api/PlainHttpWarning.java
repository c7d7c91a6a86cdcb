package org.rostersync.api;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.context.annotation.Context;
import jakarta.inject.Singleton;
import org.rostersync.config.TlsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A warning at start when HTTP listens beyond this machine without TLS: operators' passwords, API clients' secrets and
 * tokens, and the rosters themselves would cross the network in clear text. Bound to loopback (behind a proxy on the
 * same machine) or serving HTTPS, nothing is said.
 */
@Singleton
@Context // its settings are checked at start, not at the first request
class PlainHttpWarning implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(PlainHttpWarning.class);

    private final TlsConfig tls;
    private final String host;

    PlainHttpWarning(TlsConfig tls, @Value("${micronaut.server.host:}") String host) {
        this.tls = tls;
        this.host = host;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (!tls.enabled() && !loopback(host)) {
            LOG.warn("HTTP listens on {} port {} over plain HTTP: passwords, API secrets, tokens and rosters cross the network"
                            + " in clear text. Set ROSTERSYNC_TLS_CERT and ROSTERSYNC_TLS_KEY to serve HTTPS, or set ROSTERSYNC_BIND=127.0.0.1"
                            + " behind a TLS proxy on this machine (docs/administrator-guide.md, TLS)",
                    host.isBlank() ? "every address" : host, event.getSource().getPort());
        }
    }

    /** Whether the bind address is loopback only; every address ({@code 0.0.0.0}, blank) and names that do not resolve are not. */
    static boolean loopback(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        try {
            return InetAddress.getByName(host.strip()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
