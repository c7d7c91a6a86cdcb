package org.rostersync.notify;

import jakarta.inject.Singleton;
import org.rostersync.report.RunStatus;

import org.rostersync.database.Db;
import org.rostersync.database.Statements;
import org.rostersync.database.Tx;

import java.time.Duration;
import java.time.LocalDate;
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

    private final Db db;

    EmailStore(Db db) {
        this.db = db;
    }

    /** A run that ended in a status nobody announced yet. */
    record Ended(UUID runId, RunStatus status, UUID tenantId, UUID sourceId) {
    }

    List<Ended> unannounced(int limit) {
        return db.query("""
                SELECT r.id, r.status, r.tenant_id, r.source_id FROM run r
                WHERE r.finished_at > now() - interval '""" + ANNOUNCE_WITHIN + """
                ' AND r.status IN ('succeeded', 'succeeded_with_issues', 'held', 'failed', 'no_new_delivery')
                  AND NOT EXISTS (SELECT 1 FROM run_notice n WHERE n.run_id = r.id AND n.status = r.status)
                ORDER BY r.finished_at LIMIT ?""",
                row -> new Ended(row.uuid(1), RunStatus.valueOf(row.text(2)), row.uuid(3), row.uuid(4)), limit);
    }

    /**
     * Claims the announcement of the run's end and queues its email (none: nobody is to hear of it), in one transaction.
     * False when another instance claimed it first; it then queued the email, not this one.
     */
    boolean announce(Ended run, Optional<Email> email) {
        return claimed("INSERT INTO run_notice (run_id, status) VALUES (?, ?) ON CONFLICT DO NOTHING",
                new Object[]{run.runId(), run.status()}, run.tenantId(), run.sourceId(), run.runId(), "run", email);
    }

    /** Whether the run's report to the vendor contacts was claimed, by any instance (sent, or decided against). */
    boolean vendorReportClaimed(UUID runId) {
        return db.exists("SELECT 1 FROM vendor_report_claim WHERE run_id = ?", runId);
    }

    /**
     * Claims the run's automatic report to the vendor contacts and queues it (none: nobody to send it to, or nothing
     * to report), in one transaction; false when another instance claimed it first.
     */
    boolean claimVendorReport(Ended run, Optional<Email> email) {
        return claimed("INSERT INTO vendor_report_claim (run_id) VALUES (?) ON CONFLICT DO NOTHING", new Object[]{run.runId()},
                run.tenantId(), run.sourceId(), run.runId(), "vendor_report", email);
    }

    /** Queues an email an operator asked for (a run's report to the vendor contacts), and answers it as the outbox lists it. */
    SentEmail queue(UUID tenantId, UUID sourceId, UUID runId, String kind, Email email) {
        UUID id = UUID.randomUUID();
        db.inTransaction(tx -> {
            insert(tx, id, tenantId, sourceId, runId, kind, email);
            return null;
        });
        return db.one(SENT + " WHERE id = ?", EmailStore::sent, id);
    }

    private static void insert(Tx tx, UUID id, UUID tenantId, UUID sourceId, UUID runId, String kind, Email e) {
        tx.update("INSERT INTO email (id, tenant_id, source_id, run_id, kind, recipients, subject, body, urgent, issues_attachment)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, tenantId, sourceId, runId, kind,
                Statements.texts(e.recipients()), e.subject(), e.body(), e.urgent(),
                e.attachment() == null ? null : e.attachment().name());
    }

    /**
     * How the run's end was told, for each of the runs: the emails announcing it (kind {@code run}), newest first per
     * run; a run without any is missing from the map.
     */
    java.util.Map<UUID, List<SentEmail>> announcements(java.util.Collection<UUID> runIds) {
        java.util.Map<UUID, List<SentEmail>> out = new java.util.HashMap<>();
        if (runIds.isEmpty()) {
            return out;
        }
        db.forEach(SENT + " WHERE kind = 'run' AND run_id = ANY (?) ORDER BY created_at DESC", EmailStore::sent,
                e -> out.computeIfAbsent(e.runId(), k -> new java.util.ArrayList<>()).add(e), Statements.uuids(List.copyOf(runIds)));
        return out;
    }

    /** Whether the source's digest of that local day was claimed, by any instance. */
    boolean digestClaimed(UUID sourceId, LocalDate day) {
        return db.exists("SELECT 1 FROM held_digest WHERE source_id = ? AND day = ?", sourceId, day);
    }

    /** Claims the source's digest of the day and queues it (none: nothing is held); false when it was claimed already. */
    boolean claimDigest(UUID tenantId, UUID sourceId, LocalDate day, Optional<Email> email) {
        return claimed("INSERT INTO held_digest (source_id, day) VALUES (?, ?) ON CONFLICT DO NOTHING", new Object[]{sourceId, day},
                tenantId, sourceId, null, "digest", email);
    }

    private boolean claimed(String claim, Object[] key, UUID tenantId, UUID sourceId, UUID runId, String kind, Optional<Email> email) {
        return db.inTransaction(tx -> {
            int won = tx.update(claim, key); // a concurrent claim waits here for ours to commit, then inserts nothing
            if (won == 1 && email.isPresent()) {
                insert(tx, UUID.randomUUID(), tenantId, sourceId, runId, kind, email.get());
            }
            return won == 1;
        });
    }

    /** The outbox's emails in a status ({@code pending}: waiting to be sent or retried; {@code failed}: given up). */
    long count(String status) {
        return db.one("SELECT count(*) FROM email WHERE status = ?", row -> row.number(1), status);
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
    boolean sendNextDue(Sending sending, int maxAttempts) {
        return db.inTransaction(tx -> {
            Optional<Due> due = tx.optional("""
                    SELECT id, recipients, subject, body, attempts, urgent, run_id, issues_attachment FROM email
                    WHERE status = 'pending' AND next_attempt_at <= now()
                    ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED""",
                    row -> new Due(row.uuid(1), new Email(row.texts(2), row.text(3), row.text(4), row.bool(6),
                            row.text(8) == null || row.uuid(7) == null ? null : new Email.IssuesAttachment(row.uuid(7), row.text(8))),
                            row.integer(5) + 1));
            if (due.isEmpty()) {
                return false;
            }
            String error = null;
            try {
                sending.send(due.get().email());
            } catch (Exception e) {
                error = describe(e);
            }
            record(tx, due.get().id(), due.get().attempts(), error, maxAttempts);
            return true;
        });
    }

    /** An email due to be sent, and its attempts with this one. */
    private record Due(UUID id, Email email, int attempts) {
    }

    private static void record(Tx tx, UUID id, int attempts, String error, int maxAttempts) {
        if (error == null) {
            tx.update("UPDATE email SET status = 'sent', attempts = ?, sent_at = now(), last_error = NULL WHERE id = ?", attempts, id);
        } else if (attempts >= maxAttempts) {
            tx.update("UPDATE email SET status = 'failed', attempts = ?, last_error = ? WHERE id = ?", attempts, error, id);
        } else {
            Duration wait = retryAfter(attempts);
            tx.update("UPDATE email SET attempts = ?, last_error = ?, next_attempt_at = now() + ? * interval '1 millisecond'"
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

    /** The source's emails, newest first. */
    List<SentEmail> forSource(UUID sourceId, int limit) {
        return db.query(SENT + " WHERE source_id = ? ORDER BY created_at DESC, id LIMIT ?", EmailStore::sent, sourceId, limit);
    }

    private static final String SENT = """
            SELECT id, source_id, run_id, kind, recipients, subject, status, attempts, last_error, created_at,
                   next_attempt_at, sent_at
            FROM email""";

    private static SentEmail sent(org.rostersync.database.Row row) {
        String status = row.text(7);
        return new SentEmail(row.uuid(1), row.uuid(2), row.uuid(3), row.text(4), row.texts(5), row.text(6), status,
                row.integer(8), row.text(9), row.instant(10), "pending".equals(status) ? row.instant(11) : null, row.instant(12));
    }

    /** The sources whose notification settings were ever set. */
    List<UUID> sourcesWithNotifications() {
        return db.query("SELECT id FROM source WHERE notifications IS NOT NULL ORDER BY id", row -> row.uuid(1));
    }
}
