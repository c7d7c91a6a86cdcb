package org.rostersync.console;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.rostersync.operator.Operator;
import org.rostersync.security.Secrets;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Console sessions in the database, so that any instance knows them and signing out ends them everywhere. A session
 * ends after {@link #IDLE} without a request, or {@link #LONGEST} after sign-in, whichever comes first.
 */
@Singleton
class ConsoleSessions {

    static final Duration IDLE = Duration.ofHours(2);
    static final Duration LONGEST = Duration.ofHours(12);
    /** A session's last request is written at most this often: a page of requests is not a page of writes. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    /** A new session: the cookie's token is answered this once and stored only as its SHA-256. */
    record Started(String token, Session session) {
    }

    private final ConsoleSessionStore store;
    private final Secrets secrets;

    ConsoleSessions(ConsoleSessionStore store, Secrets secrets) {
        this.store = store;
        this.secrets = secrets;
    }

    Started start(Operator operator, Instant now) {
        String token = secrets.newSecret();
        Session session = new Session(Secrets.sha256(token), operator, secrets.newSecret());
        store.insert(session, now, now.plus(LONGEST));
        return new Started(token, session);
    }

    /** The live session the cookie's token names, with its operator as the operator is now. */
    Optional<Session> find(String token, Instant now) {
        if (token == null || token.isEmpty() || token.length() > 200) {
            return Optional.empty();
        }
        Optional<ConsoleSessionStore.Seen> seen = store.find(Secrets.sha256(token), now, now.minus(IDLE));
        seen.filter(s -> s.lastSeen().plus(TOUCH_EVERY).isBefore(now)).ifPresent(s -> store.touch(s.session().tokenSha256(), now));
        return seen.map(ConsoleSessionStore.Seen::session);
    }

    void end(Session session) {
        store.delete(session.tokenSha256());
    }

    /** Every hour, and at each sign-in: an instance nobody signs in to still clears the sessions that ended. */
    @Scheduled(fixedDelay = "1h", initialDelay = "15m")
    void removeEndedHourly() {
        try {
            removeEnded(Instant.now());
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(ConsoleSessions.class).warn("Ended console sessions were not removed", e);
        }
    }

    /** Sessions past their end, removed now and then. */
    int removeEnded(Instant now) {
        return store.deleteEnded(now, now.minus(IDLE));
    }
}
