package org.rostersync.tenant;

import jakarta.inject.Singleton;
import org.rostersync.database.DataAccessException;
import org.rostersync.database.Db;
import org.rostersync.database.Statements;
import org.rostersync.database.Tx;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** SQL for the sources' SFTP accounts: username, password hash, authorized keys, allowed networks. */
@Singleton
class SftpAccountStore {

    private static final String ACCOUNT = "SELECT " + TenantStore.SOURCE + ", sftp_password_hash, sftp_enabled,"
            + " sftp_password_changed_at, sftp_allowed_networks, sftp_changed_at FROM source WHERE ";

    private final Db db;
    private final SettingsAudit audit;

    SftpAccountStore(Db db, SettingsAudit audit) {
        this.db = db;
        this.audit = audit;
    }

    /** A source's SFTP account with its password hash, if the source exists. */
    Optional<StoredAccount> sftpAccount(UUID sourceId) {
        return db.onOneConnection(c -> sftpAccount(c, "id = ?", sourceId));
    }

    /** The SFTP account with this username and its password hash, for a login. */
    Optional<StoredAccount> sftpAccountByUsername(String username) {
        return db.onOneConnection(c -> sftpAccount(c, "sftp_username = ?", username));
    }

    /**
     * Changes a source's SFTP account in one transaction, the row locked meanwhile so that two changes do not mix; the
     * edit may throw to change nothing. Empty when the source does not exist.
     */
    Optional<SftpAccount> changeSftpAccount(UUID sourceId, UnaryOperator<StoredAccount> edit, Actor by) {
        StoredAccount[] edited = {null};
        try {
            return db.inTransaction(tx -> {
                Optional<StoredAccount> current = sftpAccount(tx, "id = ? FOR UPDATE", sourceId);
                if (current.isEmpty()) {
                    return Optional.empty();
                }
                edited[0] = edit.apply(current.get());
                write(tx, edited[0]);
                audit.record(tx, by, current.get().source().tenantId(), sourceId, "SFTP account", audited(current.get()),
                        audited(edited[0]), java.util.Set.of("password"));
                return sftpAccount(tx, "id = ?", sourceId).map(StoredAccount::account);
            });
        } catch (DataAccessException e) {
            if (edited[0] != null && e.isUniqueViolation()) {
                throw new UsernameTakenException(edited[0].account().username(), "username");
            }
            throw e;
        }
    }

    private static void write(Tx tx, StoredAccount stored) {
        SftpAccount a = stored.account();
        tx.update("UPDATE source SET sftp_username = ?, sftp_password_hash = ?, sftp_enabled = ?, sftp_password_changed_at = ?,"
                        + " sftp_allowed_networks = ?, sftp_changed_at = now() WHERE id = ?",
                a.username(), stored.passwordHash(), a.enabled(), a.passwordChangedAt(),
                Statements.texts(a.allowedNetworks().stream().map(AllowedNetwork::toString).toList()), a.sourceId());
        tx.update("DELETE FROM sftp_authorized_key WHERE source_id = ?", a.sourceId());
        tx.batch("INSERT INTO sftp_authorized_key (source_id, fingerprint, key_type, public_key, comment, position, added_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, coalesce(?, now()))", a.authorizedKeys(),
                (key, position) -> new Object[]{a.sourceId(), key.fingerprint(), key.type(), key.publicKey(), key.comment(),
                        position, key.addedAt()});
    }

    /** The account as the audit log compares it: the password only as its hash, which the log never keeps. */
    private static java.util.Map<String, Object> audited(StoredAccount stored) {
        SftpAccount a = stored.account();
        return SettingsAudit.fields("username", a.username(), "enabled", a.enabled(), "password", stored.passwordHash(),
                "authorizedKeys", a.authorizedKeys().stream().map(k -> k.type() + " " + k.fingerprint()
                        + (k.comment() == null || k.comment().isBlank() ? "" : " " + k.comment())).toList(),
                "allowedNetworks", a.allowedNetworks().stream().map(AllowedNetwork::toString).toList());
    }

    private record AccountRow(Source source, String hash, boolean enabled, java.time.Instant passwordChangedAt,
                              List<AllowedNetwork> networks, java.time.Instant changedAt) {
    }

    private static Optional<StoredAccount> sftpAccount(Statements on, String where, Object key) {
        return on.optional(ACCOUNT + where, row -> new AccountRow(TenantStore.source(row), row.text(5), row.bool(6), row.instant(7),
                        row.texts(8).stream().map(AllowedNetwork::parse).toList(), row.instant(9)), key)
                .map(found -> {
                    List<AuthorizedKey> keys = on.query("SELECT key_type, fingerprint, comment, public_key, added_at"
                                    + " FROM sftp_authorized_key WHERE source_id = ? ORDER BY position",
                            row -> new AuthorizedKey(row.text(1), row.text(2), row.text(3), row.text(4), row.instant(5)),
                            found.source().id());
                    Source source = found.source();
                    SftpAccount account = new SftpAccount(source.id(), source.tenantId(), source.sftpUsername(), found.enabled(),
                            found.hash() != null, found.passwordChangedAt(), keys, found.networks(), found.changedAt());
                    return new StoredAccount(source, account, found.hash());
                });
    }

    /** An SFTP account as stored: with the source it belongs to and its password hash (null: no password). */
    record StoredAccount(Source source, SftpAccount account, String passwordHash) {
    }
}
