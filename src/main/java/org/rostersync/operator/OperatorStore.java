package org.rostersync.operator;

import jakarta.inject.Singleton;
import org.rostersync.database.Db;
import org.rostersync.database.Row;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for operators: their password hashes, roles and the count of their failed logins. */
@Singleton
class OperatorStore {

    private final Db db;

    OperatorStore(Db db) {
        this.db = db;
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
    boolean insert(String username, String passwordHash, String role, UUID tenantId) {
        return db.update("INSERT INTO operator (username, password_hash, role, tenant_id)"
                + " SELECT ?, ?, ?, ? WHERE ?::uuid IS NULL OR EXISTS (SELECT 1 FROM tenant WHERE id = ?::uuid)"
                + " ON CONFLICT (username) DO NOTHING", username, passwordHash, role, tenantId, tenantId, tenantId) == 1;
    }

    /** Sets the password and lifts a lock; false for an unknown operator. */
    boolean changePassword(String username, String passwordHash) {
        return db.update("UPDATE operator SET password_hash = ?, failed_logins = 0, locked_until = NULL WHERE username = ?",
                passwordHash, username) == 1;
    }

    boolean delete(String username) {
        return db.update("DELETE FROM operator WHERE username = ?", username) == 1;
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
