package org.rostersync.operator;

import jakarta.inject.Singleton;
import org.rostersync.security.ControlCharacters;
import org.rostersync.security.Secrets;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Operators' API tokens, for their scripts calling the admin API ({@code Authorization: Bearer <token>}). A token is 256
 * random bits, shown once and stored only as its SHA-256. A fast digest is right here, where Argon2id is right for
 * passwords: a slow hash exists to make guessing a person's weak password from a stolen hash expensive, but a token of
 * 256 random bits cannot be guessed from its digest at any speed, and a fast digest lets every request be checked by a
 * lookup of its digest, without a slot of the password hasher. Revoking deletes the row, so a revoked token is refused
 * from its next request on, on every instance.
 */
@Singleton
public class OperatorTokens {

    /** What every token starts with, so that a token pasted where it should not be is easy to recognise. */
    static final String PREFIX = "rst_";
    static final int MAX_NAME = 100;
    static final int MAX_TOKENS = 50;
    /** The last use is written at most this often: a script's loop of requests is not a loop of writes. */
    static final Duration LAST_USED_EVERY = Duration.ofMinutes(1);

    private final OperatorTokenStore store;
    private final Secrets secrets;

    OperatorTokens(OperatorTokenStore store, Secrets secrets) {
        this.store = store;
        this.secrets = secrets;
    }

    /**
     * Makes a named token for the operator.
     *
     * @throws InvalidOperatorException for {@code name}: blank, too long, a control character, or too many tokens
     */
    public NewOperatorToken create(Operator owner, String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME) {
            throw new InvalidOperatorException("name", "name: 1 to " + MAX_NAME + " characters, saying what the token is for");
        }
        ControlCharacters.refusal(trimmed, false).ifPresent(why -> {
            throw new InvalidOperatorException("name", "name: " + why);
        });
        String token = PREFIX + secrets.newSecret();
        OperatorToken made = store.insert(owner, trimmed, Secrets.sha256(token), MAX_TOKENS).orElseThrow(() ->
                new InvalidOperatorException("name", "an operator has at most " + MAX_TOKENS + " tokens: revoke one first"));
        return new NewOperatorToken(made.id(), made.name(), token, made.createdAt());
    }

    /** The operator's tokens, oldest first; never a token itself. */
    public List<OperatorToken> tokens(String username) {
        return store.tokens(username);
    }

    /** Revokes one of the operator's tokens: refused from the next request on. @return false when it has no such token */
    public boolean revoke(Operator owner, UUID id) {
        return store.delete(owner, id);
    }

    /** The operator the token belongs to, as the operator is now; empty for a token that is not (or no longer) one. */
    Optional<Operator> authenticate(String token, Instant now) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 200) {
            return Optional.empty();
        }
        Optional<OperatorTokenStore.Found> found = store.find(Secrets.sha256(token));
        found.filter(f -> f.lastUsedAt() == null || f.lastUsedAt().plus(LAST_USED_EVERY).isBefore(now))
                .ifPresent(f -> store.used(f.id(), now));
        return found.map(OperatorTokenStore.Found::operator);
    }
}
