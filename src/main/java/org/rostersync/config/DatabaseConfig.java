package org.rostersync.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.util.Properties;

/**
 * The database: an external PostgreSQL, or, when {@code url} is blank, an embedded PostgreSQL 15 under the data directory.
 *
 * @param readUrl      a streaming replica of the external PostgreSQL that the OneRoster API may read the roster from
 *                     (database.ReadReplica); blank: every read goes to {@code url}
 * @param readUser     the replica's user; blank: {@code user}
 * @param readPassword the replica's password; blank: {@code password}
 * @param readTimeoutSeconds how long a read waits for the replica to answer before it is read on the primary instead
 */
@ConfigurationProperties("rostersync.db")
public record DatabaseConfig(@Nullable String url, @Nullable String user, @Nullable String password, int maxPoolSize,
                             @Nullable String readUrl, @Nullable String readUser, @Nullable String readPassword,
                             int readTimeoutSeconds) {

    public DatabaseConfig {
        if (readTimeoutSeconds < 1 || readTimeoutSeconds > 3600) {
            throw new StartupRefusal("ROSTERSYNC_DB_READ_TIMEOUT_SECONDS must be 1 to 3600, not " + readTimeoutSeconds);
        }
        if (blank(readUrl)) {
            if (!blank(readUser) || !blank(readPassword)) {
                throw new StartupRefusal("ROSTERSYNC_DB_READ_USER and ROSTERSYNC_DB_READ_PASSWORD are for a read replica:"
                        + " set ROSTERSYNC_DB_READ_URL too, or leave them empty");
            }
        } else {
            if (blank(url)) {
                throw new StartupRefusal("ROSTERSYNC_DB_READ_URL names a read replica of an external PostgreSQL: set"
                        + " ROSTERSYNC_DB_URL to its primary, or leave ROSTERSYNC_DB_READ_URL empty (the embedded database"
                        + " has no replica)");
            }
            if (org.postgresql.Driver.parseURL(readUrl, new Properties()) == null) {
                throw new StartupRefusal("ROSTERSYNC_DB_READ_URL must be a PostgreSQL JDBC URL"
                        + " (jdbc:postgresql://host:port/database), not '" + readUrl + "'");
            }
        }
    }

    public boolean isExternal() {
        return !blank(url);
    }

    /** Whether the OneRoster API may read from a replica. */
    public boolean hasReadReplica() {
        return !blank(readUrl);
    }

    /** The replica's user: its own, or the primary's. */
    public String readUserOrPrimary() {
        return blank(readUser) ? user : readUser;
    }

    /** The replica's password: its own, or the primary's. */
    public String readPasswordOrPrimary() {
        return blank(readPassword) ? password : readPassword;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
