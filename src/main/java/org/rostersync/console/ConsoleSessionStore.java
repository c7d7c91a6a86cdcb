package org.rostersync.console;

import jakarta.inject.Singleton;
import org.rostersync.database.Db;
import org.rostersync.operator.Operator;

import java.time.Instant;
import java.util.Optional;

/** SQL of console sessions: each stored by the SHA-256 of its token, with its operator, CSRF token and times. */
@Singleton
class ConsoleSessionStore {

    private final Db db;

    ConsoleSessionStore(Db db) {
        this.db = db;
    }

    void insert(Session session, Instant now, Instant expires) {
        db.update("INSERT INTO console_session (token_sha256, username, csrf_token, created_at, last_seen_at, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                session.tokenSha256(), session.operator().username(), session.csrf(), now, now, expires);
    }

    /** A session seen at its last request. */
    record Seen(Session session, Instant lastSeen) {
    }

    /** The session with this token digest, with its operator as the operator is now, if it expires after and was seen since. */
    Optional<Seen> find(String tokenSha256, Instant expiresAfter, Instant seenSince) {
        return db.optional("SELECT s.csrf_token, s.last_seen_at, o.username, o.role, o.tenant_id"
                        + " FROM console_session s JOIN operator o ON o.username = s.username"
                        + " WHERE s.token_sha256 = ? AND s.expires_at > ? AND s.last_seen_at > ?",
                row -> new Seen(new Session(tokenSha256, new Operator(row.text(3), row.text(4), row.uuid(5), null), row.text(1)),
                        row.instant(2)), tokenSha256, expiresAfter, seenSince);
    }

    void touch(String tokenSha256, Instant now) {
        db.update("UPDATE console_session SET last_seen_at = ? WHERE token_sha256 = ?", now, tokenSha256);
    }

    void delete(String tokenSha256) {
        db.update("DELETE FROM console_session WHERE token_sha256 = ?", tokenSha256);
    }

    /** Removes the sessions that expired by then or were last seen by {@code idleSince}; returns how many. */
    int deleteEnded(Instant now, Instant idleSince) {
        return db.update("DELETE FROM console_session WHERE expires_at <= ? OR last_seen_at <= ?", now, idleSince);
    }
}
