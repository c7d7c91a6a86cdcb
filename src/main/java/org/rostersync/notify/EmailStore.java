package org.rostersync.notify;

import jakarta.inject.Singleton;
import org.rostersync.report.RunStatus;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL of the outbox and of the claims that make each announcement and digest happen once across instances: a claim is
 * a row whose primary key says what was announced, inserted in the same transaction as the email it decides.
 */
@Singleton
class EmailStore {

    /** Runs ended longer ago than this are not announced any more (after a long outage, say): the digest still lists held ones. */
    private static final String ANNOUNCE_WITHIN = "2 days";
    private static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    private static final Duration LONGEST_RETRY = Duration.ofHours(1);

    private final DataSource dataSource;

    EmailStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A run that ended in a status nobody announced yet. */
    record Ended(UUID runId, RunStatus status, UUID tenantId, UUID sourceId) {
    }

    List<Ended> unannounced(int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT r.id, r.status, r.tenant_id, r.source_id FROM run r
                     WHERE r.finished_at > now() - interval '""" + ANNOUNCE_WITHIN + """
                     ' AND r.status IN ('succeeded', 'succeeded_with_issues', 'held', 'failed', 'no_new_delivery')
                       AND NOT EXISTS (SELECT 1 FROM run_notice n WHERE n.run_id = r.id AND n.status = r.status)
                     ORDER BY r.finished_at LIMIT ?""")) {
            ps.setInt(1, limit);
            List<Ended> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Ended(rs.getObject(1, UUID.class), RunStatus.valueOf(rs.getString(2)), rs.getObject(3, UUID.class),
                            rs.getObject(4, UUID.class)));
                }
            }
            return out;
        }
    }

    /**
     * Claims the announcement of the run's end and queues its email (none: nobody is to hear of it), in one transaction.
     * False when another instance claimed it first; it then queued the email, not this one.
     */
    boolean announce(Ended run, Optional<Email> email) throws SQLException {
        return claimed("INSERT INTO run_notice (run_id, status) VALUES (?, ?) ON CONFLICT DO NOTHING",
                new Object[]{run.runId(), run.status().name()}, run.tenantId(), run.sourceId(), run.runId(), "run", email);
    }

    /** Whether the source's digest of that local day was claimed, by any instance. */
    boolean digestClaimed(UUID sourceId, LocalDate day) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM held_digest WHERE source_id = ? AND day = ?")) {
            ps.setObject(1, sourceId);
            ps.setObject(2, day);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Claims the source's digest of the day and queues it (none: nothing is held); false when it was claimed already. */
    boolean claimDigest(UUID tenantId, UUID sourceId, LocalDate day, Optional<Email> email) throws SQLException {
        return claimed("INSERT INTO held_digest (source_id, day) VALUES (?, ?) ON CONFLICT DO NOTHING", new Object[]{sourceId, day},
                tenantId, sourceId, null, "digest", email);
    }

    private boolean claimed(String claim, Object[] key, UUID tenantId, UUID sourceId, UUID runId, String kind, Optional<Email> email)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int won;
                try (PreparedStatement ps = c.prepareStatement(claim)) {
                    for (int i = 0; i < key.length; i++) {
                        ps.setObject(i + 1, key[i]);
                    }
                    won = ps.executeUpdate(); // a concurrent claim waits here for ours to commit, then inserts nothing
                }
                if (won == 1 && email.isPresent()) {
                    insert(c, tenantId, sourceId, runId, kind, email.get());
                }
                c.commit();
                return won == 1;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void insert(Connection c, UUID tenantId, UUID sourceId, UUID runId, String kind, Email email) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO email (id, tenant_id, source_id, run_id, kind, recipients, subject,"
                + " body, urgent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, UUID.randomUUID());
            ps.setObject(2, tenantId);
            ps.setObject(3, sourceId);
            ps.setObject(4, runId);
            ps.setString(5, kind);
            ps.setArray(6, c.createArrayOf("text", email.recipients().toArray()));
            ps.setString(7, email.subject());
            ps.setString(8, email.body());
            ps.setBoolean(9, email.urgent());
            ps.executeUpdate();
        }
    }

    /** What sending an email does: throws to say it failed, with why. */
    interface Sending {
        void send(Email email) throws Exception;
    }

    /**
     * Sends the next email that is due, if any: its row stays locked while the SMTP server takes it, so no other
     * instance sends it too; a failure is recorded and the email tried again later, up to {@code maxAttempts}.
     *
     * @return false when no email was due
     */
    boolean sendNextDue(Sending sending, int maxAttempts) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                UUID id;
                Email email;
                int attempts;
                try (PreparedStatement ps = c.prepareStatement("""
                        SELECT id, recipients, subject, body, attempts, urgent FROM email
                        WHERE status = 'pending' AND next_attempt_at <= now()
                        ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED""");
                     ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        c.rollback();
                        return false;
                    }
                    id = rs.getObject(1, UUID.class);
                    email = new Email(Arrays.asList((String[]) rs.getArray(2).getArray()), rs.getString(3), rs.getString(4),
                            rs.getBoolean(6));
                    attempts = rs.getInt(5) + 1;
                }
                String error = null;
                try {
                    sending.send(email);
                } catch (Exception e) {
                    error = describe(e);
                }
                record(c, id, attempts, error, maxAttempts);
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void record(Connection c, UUID id, int attempts, String error, int maxAttempts) throws SQLException {
        if (error == null) {
            update(c, "UPDATE email SET status = 'sent', attempts = ?, sent_at = now(), last_error = NULL WHERE id = ?", attempts, id);
        } else if (attempts >= maxAttempts) {
            update(c, "UPDATE email SET status = 'failed', attempts = ?, last_error = ? WHERE id = ?", attempts, error, id);
        } else {
            Duration wait = retryAfter(attempts);
            update(c, "UPDATE email SET attempts = ?, last_error = ?, next_attempt_at = now() + ? * interval '1 millisecond'"
                    + " WHERE id = ?", attempts, error, wait.toMillis(), id);
        }
    }

    /** 30 s after the first failure, doubling up to an hour. */
    static Duration retryAfter(int attempts) {
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait;
    }

    private static String describe(Exception e) {
        StringBuilder out = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && out.length() < 500; cause = cause.getCause()) {
            out.append(": ").append(cause.getClass().getSimpleName()).append(' ').append(cause.getMessage());
        }
        return out.length() > 1000 ? out.substring(0, 1000) : out.toString();
    }

    private static void update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    /** The source's emails, newest first. */
    List<SentEmail> forSource(UUID sourceId, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT id, source_id, run_id, kind, recipients, subject, status, attempts, last_error, created_at,
                            next_attempt_at, sent_at
                     FROM email WHERE source_id = ? ORDER BY created_at DESC, id LIMIT ?""")) {
            ps.setObject(1, sourceId);
            ps.setInt(2, limit);
            List<SentEmail> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String status = rs.getString(7);
                    out.add(new SentEmail(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                            rs.getString(4), Arrays.asList((String[]) rs.getArray(5).getArray()), rs.getString(6), status,
                            rs.getInt(8), rs.getString(9), instant(rs.getTimestamp(10)),
                            "pending".equals(status) ? instant(rs.getTimestamp(11)) : null, instant(rs.getTimestamp(12))));
                }
            }
            return out;
        }
    }

    /** The sources whose notification settings were ever set. */
    List<UUID> sourcesWithNotifications() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id FROM source WHERE notifications IS NOT NULL ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            List<UUID> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getObject(1, UUID.class));
            }
            return out;
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
