package org.rostersync.api.oneroster;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import org.rostersync.database.Db;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The OAuth 1.0a nonces each client has used, in the database so that a request replayed to another instance is refused
 * too. Kept twice the timestamp window: a nonce purged after that could only come back with a timestamp the window
 * refuses anyway.
 */
@Singleton
class NonceStore {

    private final Db db;
    private final long keepSeconds;
    private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.EPOCH);

    NonceStore(Db db, @Value("${rostersync.oauth.timestamp-window-seconds:300}") long windowSeconds) {
        this.db = db;
        this.keepSeconds = 2 * windowSeconds;
    }

    /** True the first time the client uses the nonce; false for a replay. */
    boolean firstUse(String clientId, String nonce, long timestamp) {
        purgeNowAndThen();
        return db.update("INSERT INTO oauth_nonce (client_id, nonce, timestamp) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                clientId, nonce, timestamp) == 1;
    }

    /** At most once a minute per instance: the index on seen_at keeps it cheap, but not every request needs it. */
    private void purgeNowAndThen() {
        Instant last = lastPurge.get();
        Instant now = Instant.now();
        if (now.isBefore(last.plusSeconds(60)) || !lastPurge.compareAndSet(last, now)) {
            return;
        }
        db.update("DELETE FROM oauth_nonce WHERE seen_at < now() - make_interval(secs => ?)", keepSeconds);
    }
}
