package org.rostersync.console;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.rostersync.operator.Operator;
import org.rostersync.security.Secrets;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

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

    private final DataSource dataSource;
    private final Secrets secrets;

    ConsoleSessions(DataSource dataSource, Secrets secrets) {
        this.dataSource = dataSource;
        this.secrets = secrets;
    }

    Started start(Operator operator, Instant now) throws SQLException {
        String token = secrets.newSecret();
        String csrf = secrets.newSecret();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO console_session (token_sha256, username, csrf_token, created_at,"
                     + " last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, Secrets.sha256(token));
            ps.setString(2, operator.username());
            ps.setString(3, csrf);
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setTimestamp(6, Timestamp.from(now.plus(LONGEST)));
            ps.executeUpdate();
        }
        return new Started(token, new Session(Secrets.sha256(token), operator, csrf));
    }

    /** The live session the cookie's token names, with its operator as the operator is now. */
    Optional<Session> find(String token, Instant now) throws SQLException {
        if (token == null || token.isEmpty() || token.length() > 200) {
            return Optional.empty();
        }
        String hash = Secrets.sha256(token);
        try (Connection c = dataSource.getConnection()) {
            Session session;
            Instant lastSeen;
            try (PreparedStatement ps = c.prepareStatement("SELECT s.csrf_token, s.last_seen_at, o.username, o.role, o.tenant_id"
                    + " FROM console_session s JOIN operator o ON o.username = s.username"
                    + " WHERE s.token_sha256 = ? AND s.expires_at > ? AND s.last_seen_at > ?")) {
                ps.setString(1, hash);
                ps.setTimestamp(2, Timestamp.from(now));
                ps.setTimestamp(3, Timestamp.from(now.minus(IDLE)));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    lastSeen = rs.getTimestamp(2).toInstant();
                    session = new Session(hash, new Operator(rs.getString(3), rs.getString(4), rs.getObject(5, UUID.class), null),
                            rs.getString(1));
                }
            }
            if (lastSeen.plus(TOUCH_EVERY).isBefore(now)) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE console_session SET last_seen_at = ? WHERE token_sha256 = ?")) {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setString(2, hash);
                    ps.executeUpdate();
                }
            }
            return Optional.of(session);
        }
    }

    void end(Session session) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM console_session WHERE token_sha256 = ?")) {
            ps.setString(1, session.tokenSha256());
            ps.executeUpdate();
        }
    }

    /** Every hour, and at each sign-in: an instance nobody signs in to still clears the sessions that ended. */
    @Scheduled(fixedDelay = "1h", initialDelay = "15m")
    void removeEndedHourly() {
        try {
            removeEnded(Instant.now());
        } catch (SQLException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(ConsoleSessions.class).warn("Ended console sessions were not removed", e);
        }
    }

    /** Sessions past their end, removed now and then. */
    int removeEnded(Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM console_session WHERE expires_at <= ? OR last_seen_at <= ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setTimestamp(2, Timestamp.from(now.minus(IDLE)));
            return ps.executeUpdate();
        }
    }
}
