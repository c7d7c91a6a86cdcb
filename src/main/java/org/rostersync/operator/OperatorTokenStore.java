package org.rostersync.operator;

import jakarta.inject.Singleton;
import org.rostersync.database.Db;
import org.rostersync.tenant.Actor;
import org.rostersync.tenant.SettingsAudit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL of operators' API tokens, each stored by the SHA-256 of the token. */
@Singleton
class OperatorTokenStore {

    private final Db db;
    private final SettingsAudit audit;

    OperatorTokenStore(Db db, SettingsAudit audit) {
        this.db = db;
        this.audit = audit;
    }

    /** Adds a token unless the operator has {@code max} already; empty then. Recorded on the operator's tenant. */
    Optional<OperatorToken> insert(Operator owner, String name, String tokenSha256, int max) {
        return db.inTransaction(tx -> {
            // the operator's row is locked, so two requests at once cannot both pass the count
            tx.query("SELECT 1 FROM operator WHERE username = ? FOR UPDATE", row -> 1, owner.username());
            if (tx.one("SELECT count(*) FROM operator_token WHERE username = ?", row -> row.number(1), owner.username()) >= max) {
                return Optional.empty();
            }
            OperatorToken token = tx.one("INSERT INTO operator_token (id, username, name, token_sha256) VALUES (?, ?, ?, ?)"
                            + " RETURNING id, name, created_at, last_used_at", OperatorTokenStore::token,
                    UUID.randomUUID(), owner.username(), name, tokenSha256);
            audit.record(tx, new Actor(owner.username()), owner.tenantId(), null, OperatorStore.label(owner.username()),
                    null, SettingsAudit.fields("apiTokens[" + name + "]", "created"));
            return Optional.of(token);
        });
    }

    List<OperatorToken> tokens(String username) {
        return db.query("SELECT id, name, created_at, last_used_at FROM operator_token WHERE username = ? ORDER BY created_at, id",
                OperatorTokenStore::token, username);
    }

    /** Deletes the operator's token; false when it has none with that id. */
    boolean delete(Operator owner, UUID id) {
        return db.inTransaction(tx -> {
            Optional<String> name = tx.optional("DELETE FROM operator_token WHERE username = ? AND id = ? RETURNING name",
                    row -> row.text(1), owner.username(), id);
            name.ifPresent(n -> audit.record(tx, new Actor(owner.username()), owner.tenantId(), null,
                    OperatorStore.label(owner.username()), SettingsAudit.fields("apiTokens[" + n + "]", "created"),
                    SettingsAudit.fields("apiTokens[" + n + "]", "revoked")));
            return name.isPresent();
        });
    }

    /** A token's operator as it is now, and when the token was last used. */
    record Found(UUID id, Operator operator, Instant lastUsedAt) {
    }

    Optional<Found> find(String tokenSha256) {
        return db.optional("SELECT t.id, t.last_used_at, o.username, o.role, o.tenant_id FROM operator_token t"
                        + " JOIN operator o ON o.username = t.username WHERE t.token_sha256 = ?",
                row -> new Found(row.uuid(1), new Operator(row.text(3), row.text(4), row.uuid(5), null), row.instant(2)), tokenSha256);
    }

    void used(UUID id, Instant at) {
        db.update("UPDATE operator_token SET last_used_at = ? WHERE id = ?", at, id);
    }

    private static OperatorToken token(org.rostersync.database.Row row) {
        return new OperatorToken(row.uuid(1), row.text(2), row.instant(3), row.instant(4));
    }
}
