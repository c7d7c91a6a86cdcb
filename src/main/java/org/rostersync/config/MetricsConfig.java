package org.rostersync.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Who may scrape {@code GET /metrics} without credentials.
 *
 * @param networks comma-separated addresses or CIDR networks (IPv4 or IPv6) whose scrapers are answered; anyone else
 *                 must present an operator's credentials. Blank: nobody without credentials
 */
@ConfigurationProperties("rostersync.metrics")
public record MetricsConfig(@Bindable(defaultValue = "127.0.0.0/8,::1/128") String networks) {

    public MetricsConfig {
        networks = networks == null ? "" : networks;
    }
}
