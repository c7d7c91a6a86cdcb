package org.rostersync.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/** An external PostgreSQL; when {@code url} is blank rostersync starts an embedded PostgreSQL 15 under the data directory. */
@ConfigurationProperties("rostersync.db")
public record DatabaseConfig(@Nullable String url, @Nullable String user, @Nullable String password, int maxPoolSize) {

    public boolean isExternal() {
        return url != null && !url.isBlank();
    }
}
