package org.rostersync.intake.remote;

import jakarta.inject.Singleton;

import org.rostersync.database.Db;
import org.rostersync.database.Statements;
import org.rostersync.tenant.Actor;
import org.rostersync.tenant.SettingsAudit;

import java.util.Optional;
import java.util.UUID;

/** The {@code remote_delivery} rows: one per source that has remote settings. */
@Singleton
class RemoteDeliveryStore {

    private static final String COLUMNS = "source_id, enabled, host, port, username, password_sealed, private_key_sealed,"
            + " passphrase_sealed, host_key_fingerprint, folder, patterns, delete_after_fetch, connect_timeout_seconds, retries,"
            + " changed_at";

    private final Db db;
    private final SettingsAudit audit;

    RemoteDeliveryStore(Db db, SettingsAudit audit) {
        this.db = db;
        this.audit = audit;
    }

    Optional<RemoteSettings> find(UUID sourceId) {
        return db.optional("SELECT " + COLUMNS + " FROM remote_delivery WHERE source_id = ?",
                row -> new RemoteSettings(row.uuid(1), row.bool(2), row.text(3), row.integer(4), row.text(5), row.bytes(6),
                        row.bytes(7), row.bytes(8), row.text(9), row.text(10), row.texts(11), row.bool(12), row.nullableInteger(13),
                        row.nullableInteger(14), row.instant(15)), sourceId);
    }

    /** Whether the source has a remote server to fetch from before its runs. */
    boolean enabled(UUID sourceId) {
        return db.optional("SELECT enabled FROM remote_delivery WHERE source_id = ?", row -> row.bool(1), sourceId).orElse(false);
    }

    /** Saves the settings and records what changed from {@code before} in the audit log, in one transaction. */
    void save(RemoteSettings before, RemoteSettings s, UUID tenantId, Actor by) {
        db.inTransaction(tx -> {
            save(tx, s);
            audit.record(tx, by, tenantId, s.sourceId(), "Remote delivery", audited(before), audited(s), SECRETS);
            return null;
        });
    }

    private static final java.util.Set<String> SECRETS = java.util.Set.of("password", "privateKey", "privateKeyPassphrase");

    /** The settings as the audit log compares them: a sealed secret only as its sealed bytes, which the log never keeps. */
    private static java.util.Map<String, Object> audited(RemoteSettings s) {
        java.util.HexFormat hex = java.util.HexFormat.of();
        return SettingsAudit.fields("enabled", s.enabled(), "host", s.host(), "port", s.port(), "username", s.username(),
                "password", s.passwordSealed() == null ? null : hex.formatHex(s.passwordSealed()),
                "privateKey", s.privateKeySealed() == null ? null : hex.formatHex(s.privateKeySealed()),
                "privateKeyPassphrase", s.passphraseSealed() == null ? null : hex.formatHex(s.passphraseSealed()),
                "hostKeyFingerprint", s.hostKeyFingerprint(), "folder", s.folder(), "patterns", s.patterns(),
                "deleteAfterFetch", s.deleteAfterFetch(), "connectTimeoutSeconds", s.connectTimeoutSeconds(), "retries", s.retries());
    }

    private static void save(Statements on, RemoteSettings s) {
        on.update("INSERT INTO remote_delivery (" + COLUMNS + ")"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())"
                        + " ON CONFLICT (source_id) DO UPDATE SET enabled = EXCLUDED.enabled, host = EXCLUDED.host,"
                        + " port = EXCLUDED.port, username = EXCLUDED.username, password_sealed = EXCLUDED.password_sealed,"
                        + " private_key_sealed = EXCLUDED.private_key_sealed, passphrase_sealed = EXCLUDED.passphrase_sealed,"
                        + " host_key_fingerprint = EXCLUDED.host_key_fingerprint, folder = EXCLUDED.folder,"
                        + " patterns = EXCLUDED.patterns, delete_after_fetch = EXCLUDED.delete_after_fetch,"
                        + " connect_timeout_seconds = EXCLUDED.connect_timeout_seconds, retries = EXCLUDED.retries,"
                        + " changed_at = now()",
                s.sourceId(), s.enabled(), s.host(), s.port(), s.username(), s.passwordSealed(), s.privateKeySealed(),
                s.passphraseSealed(), s.hostKeyFingerprint(), s.folder(), Statements.texts(s.patterns()), s.deleteAfterFetch(),
                s.connectTimeoutSeconds(), s.retries());
    }

    /**
     * Pins the host key seen on first contact, unless the server changed meanwhile (another host or port) or a key was
     * pinned by then: a fingerprint is never pinned for a server it was not seen on.
     *
     * @return whether it was pinned
     */
    boolean pin(UUID sourceId, String host, int port, String fingerprint) {
        return db.update("UPDATE remote_delivery SET host_key_fingerprint = ? WHERE source_id = ? AND host = ? AND port = ?"
                + " AND host_key_fingerprint IS NULL", fingerprint, sourceId, host, port) == 1;
    }
}
