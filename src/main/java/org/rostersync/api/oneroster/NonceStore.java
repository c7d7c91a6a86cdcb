package org.rostersync.api.oneroster;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The OAuth 1.0a nonces each client has used, in the database so that a request replayed to another instance is refused
 * too. Kept twice the timestamp window: a nonce purged after that could only come back with a timestamp the window
 * refuses anyway.
 */
@Singleton
class NonceStore {

    private final DataSource dataSource;
    private final long keepSeconds;
    private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.EPOCH);

    NonceStore(DataSource dataSource, @Value("${rostersync.oauth.timestamp-window-seconds:300}") long windowSeconds) {
        this.dataSource = dataSource;
        this.keepSeconds = 2 * windowSeconds;
    }

    /** True the first time the client uses the nonce; false for a replay. */
    boolean firstUse(String clientId, String nonce, long timestamp) throws SQLException {
        purgeNowAndThen();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO oauth_nonce (client_id, nonce, timestamp) VALUES (?, ?, ?)"
                     + " ON CONFLICT DO NOTHING")) {
            ps.setString(1, clientId);
            ps.setString(2, nonce);
            ps.setLong(3, timestamp);
            return ps.executeUpdate() == 1;
        }
    }

    /** At most once a minute per instance: the index on seen_at keeps it cheap, but not every request needs it. */
    private void purgeNowAndThen() throws SQLException {
        Instant last = lastPurge.get();
        Instant now = Instant.now();
        if (now.isBefore(last.plusSeconds(60)) || !lastPurge.compareAndSet(last, now)) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM oauth_nonce WHERE seen_at < now() - make_interval(secs => ?)")) {
            ps.setLong(1, keepSeconds);
            ps.executeUpdate();
        }
    }
}
