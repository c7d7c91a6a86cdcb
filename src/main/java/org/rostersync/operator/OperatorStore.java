package org.rostersync.operator;

import jakarta.inject.Singleton;
import org.rostersync.database.Db;
import org.rostersync.database.Row;
import org.rostersync.database.Statements;
import org.rostersync.tenant.Actor;
import org.rostersync.tenant.SettingsAudit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** SQL for operators: their password hashes, roles and the count of their failed logins. */
@Singleton
class OperatorStore {

    private final Db db;
    private final SettingsAudit audit;

    OperatorStore(Db db, SettingsAudit audit) {
        this.db = db;
        this.audit = audit;
    }

    /** What the settings audit log calls an operator's account. */
    static String label(String username) {
        return "Operator " + username;
    }

    /** The operator's tenant (null: an admin, or no such operator), read in the change's transaction. */
    private static UUID tenantOf(Statements on, String username) {
        return on.optional("SELECT tenant_id FROM operator WHERE username = ?", row -> Optional.ofNullable(row.uuid(1)), username)
                .flatMap(t -> t).orElse(null);
    }

    /** An operator with what a login checks. */
    record Credentials(Operator operator, String passwordHash, int failedLogins, Instant lockedUntil) {
    }

    Optional<Credentials> credentials(String username) {
        return db.optional("SELECT password_hash, role, tenant_id, failed_logins, locked_until FROM operator WHERE username = ?",
                row -> new Credentials(new Operator(username, row.text(2), row.uuid(3), null), row.text(1), row.integer(4),
                        row.instant(5)), username);
    }

    /**
     * Counts a failed login in one statement, so that two instances count every failure once: at {@code lockAfter}
     * failures the count starts again and the operator is locked until {@code lockUntil}.
     *
     * @return until when the operator is locked now (null: not locked, or no such operator)
     */
    Instant failed(String username, int lockAfter, Instant lockUntil) {
        return db.optional("""
                UPDATE operator SET
                  failed_logins = CASE WHEN failed_logins + 1 >= ? THEN 0 ELSE failed_logins + 1 END,
                  locked_until = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE locked_until END
                WHERE username = ? RETURNING locked_until""", row -> Optional.ofNullable(row.instant(1)),
                lockAfter, lockAfter, lockUntil, username).flatMap(until -> until).orElse(null);
    }

    void succeeded(String username) {
        db.update("UPDATE operator SET failed_logins = 0, locked_until = NULL WHERE username = ?", username);
    }

    private static final String OPERATOR = "SELECT username, role, tenant_id, locked_until FROM operator";

    /** Every operator, admins first. */
    List<Operator> operators() {
        return db.query(OPERATOR + " ORDER BY role, username", OperatorStore::operator);
    }

    Optional<Operator> operator(String username) {
        return db.optional(OPERATOR + " WHERE username = ?", OperatorStore::operator, username);
    }

    private static Operator operator(Row row) {
        return new Operator(row.text(1), row.text(2), row.uuid(3), row.instant(4));
    }

    /** Adds an operator unless the username is taken or the tenant it names does not exist; false then. */
    boolean insert(String username, String passwordHash, String role, UUID tenantId, Actor by) {
        return db.inTransaction(tx -> {
            boolean added = tx.update("INSERT INTO operator (username, password_hash, role, tenant_id)"
                    + " SELECT ?, ?, ?, ? WHERE ?::uuid IS NULL OR EXISTS (SELECT 1 FROM tenant WHERE id = ?::uuid)"
                    + " ON CONFLICT (username) DO NOTHING", username, passwordHash, role, tenantId, tenantId, tenantId) == 1;
            if (added) {
                audit.record(tx, by, tenantId, null, label(username), null, SettingsAudit.fields("role", role, "password", "set"),
                        Set.of("password"));
            }
            return added;
        });
    }

    /** Sets the password and lifts a lock; false for an unknown operator. */
    boolean changePassword(String username, String passwordHash, Actor by) {
        return db.inTransaction(tx -> {
            boolean changed = tx.update("UPDATE operator SET password_hash = ?, failed_logins = 0, locked_until = NULL"
                    + " WHERE username = ?", passwordHash, username) == 1;
            if (changed) {
                recordPassword(tx, username, by);
            }
            return changed;
        });
    }

    /**
     * Sets the operator's own password and ends its other console sessions (every one but {@code keepSessionSha256}), in
     * one transaction: a session signed in with the old password does not outlive it.
     *
     * @return how many sessions ended
     */
    int changeOwnPassword(String username, String passwordHash, String keepSessionSha256, Actor by) {
        return db.inTransaction(tx -> {
            tx.update("UPDATE operator SET password_hash = ?, failed_logins = 0, locked_until = NULL WHERE username = ?",
                    passwordHash, username);
            recordPassword(tx, username, by);
            return tx.update("DELETE FROM console_session WHERE username = ? AND token_sha256 IS DISTINCT FROM ?",
                    username, keepSessionSha256);
        });
    }

    private void recordPassword(Statements on, String username, Actor by) {
        audit.record(on, by, tenantOf(on, username), null, label(username), SettingsAudit.fields("password", "old"),
                SettingsAudit.fields("password", "new"), Set.of("password"));
    }

    boolean delete(String username, Actor by) {
        return db.inTransaction(tx -> {
            UUID tenantId = tenantOf(tx, username);
            Optional<String> role = tx.optional("DELETE FROM operator WHERE username = ? RETURNING role", row -> row.text(1), username);
            role.ifPresent(r -> audit.record(tx, by, tenantId, null, label(username), SettingsAudit.fields("role", r),
                    SettingsAudit.fields("role", "removed")));
            return role.isPresent();
        });
    }

    /** Sets the password, adding the operator when it does not exist. */
    void setPassword(String username, String passwordHash) {
        db.update("""
                INSERT INTO operator (username, password_hash) VALUES (?, ?)
                ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash""", username, passwordHash);
    }

    Optional<String> passwordHash(String username) {
        return db.optional("SELECT password_hash FROM operator WHERE username = ?", row -> row.text(1), username);
    }
}
