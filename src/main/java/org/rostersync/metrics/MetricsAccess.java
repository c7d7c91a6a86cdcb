package org.rostersync.metrics;

import io.micronaut.context.annotation.Context;
import org.rostersync.config.MetricsConfig;
import org.rostersync.config.StartupRefusal;
import org.rostersync.operator.OperatorLogins;
import org.rostersync.operator.Role;
import org.rostersync.security.BasicCredentials;
import org.rostersync.tenant.AllowedNetwork;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

/**
 * Who may read the metrics: a scraper connecting from one of {@code ROSTERSYNC_METRICS_NETWORKS} (loopback by default),
 * or a caller with an admin's credentials: HTTP Basic of the operator {@code admin}, or an API token of an admin
 * operator. The metrics are of every tenant at once, so a tenant operator's token does not read them. A request that
 * came through a reverse proxy (it carries a forwarding header) is not taken for one from the proxy's own address: a
 * proxy on the same machine would otherwise open the metrics to everyone it serves. Credentials are checked by the
 * console's defence ({@link OperatorLogins}), so guessing here slows and bans as it does there.
 */
@Context // built at start: a networks setting that is not one stops the start, naming it
class MetricsAccess {

    private static final List<String> FORWARDING = List.of("Forwarded", "X-Forwarded-For", "X-Real-IP");

    private final List<AllowedNetwork> networks;
    private final OperatorLogins logins;

    MetricsAccess(MetricsConfig config, OperatorLogins logins) {
        this.networks = parse(config.networks());
        this.logins = logins;
    }

    /** @throws StartupRefusal naming the setting and the entry that is not a network */
    static List<AllowedNetwork> parse(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(entry -> {
            try {
                return AllowedNetwork.parse(entry);
            } catch (IllegalArgumentException e) {
                throw new StartupRefusal("rostersync.metrics.networks (ROSTERSYNC_METRICS_NETWORKS): " + e.getMessage());
            }
        }).toList();
    }

    /**
     * @param forwarded     whether the request carries a header a reverse proxy adds
     * @param authorization the Authorization header, or null
     */
    boolean admits(InetAddress from, boolean forwarded, String authorization) {
        if (!forwarded && networks.stream().anyMatch(n -> n.contains(from))) {
            return true;
        }
        if (authorization == null) {
            return false;
        }
        OperatorLogins.Outcome outcome;
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            outcome = logins.token(authorization.substring(7).strip(), from);
        } else {
            var credentials = BasicCredentials.parse(authorization);
            if (credentials.isEmpty()) {
                return false;
            }
            outcome = logins.login(credentials.get().user(), credentials.get().password(), from);
        }
        return outcome instanceof OperatorLogins.Outcome.Admitted admitted
                && Role.ADMIN.stored().equals(admitted.operator().role());
    }

    static List<String> forwardingHeaders() {
        return FORWARDING;
    }
}
