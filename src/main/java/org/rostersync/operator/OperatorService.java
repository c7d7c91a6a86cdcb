package org.rostersync.operator;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.rostersync.config.OperatorLoginConfig;
import org.rostersync.config.RostersyncConfig;
import org.rostersync.security.ControlCharacters;
import org.rostersync.security.PasswordHasher;
import org.rostersync.security.Secrets;
import org.rostersync.tenant.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.Optional;

/**
 * The operator {@code admin}. Its password comes from ROSTERSYNC_ADMIN_PASSWORD (re-applied at every start, so
 * changing the variable rotates it), or is generated on the first start, printed once, and stored only as a hash.
 */
@Singleton
public class OperatorService {

    public static final String ADMIN = "admin";
    private static final Logger LOG = LoggerFactory.getLogger(OperatorService.class);

    /** Passwords operators choose for others or themselves: long enough that a list of common ones misses them. */
    static final int MIN_PASSWORD_LENGTH = 12;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,63}");

    private final OperatorStore store;
    private final PasswordHasher hasher;
    private final Secrets secrets;
    private final RostersyncConfig config;
    private final int lockAfterFailures;
    private final Duration lockFor;

    OperatorService(OperatorStore store, PasswordHasher hasher, Secrets secrets, RostersyncConfig config,
                    OperatorLoginConfig login) {
        this.store = store;
        this.hasher = hasher;
        this.secrets = secrets;
        this.config = config;
        this.lockAfterFailures = login.lockAfterFailures();
        this.lockFor = Duration.ofMinutes(login.lockMinutes());
    }

    public int lockAfterFailures() {
        return lockAfterFailures;
    }

    public Duration lockFor() {
        return lockFor;
    }

    /** What a login came to; a refusal does not say whether the name exists. */
    public sealed interface Login {
        record Admitted(Operator operator) implements Login {
        }

        /** @param locked whether the account is locked (it was, or this failure locked it) */
        record Refused(boolean locked) implements Login {
        }
    }

    /**
     * Checks an operator's password (only {@link OperatorLogins} calls this: it adds the address's defence). After
     * {@link #lockAfterFailures()} wrong passwords in a row the account is locked for {@link #lockFor()}, and while it is
     * locked even the right password is refused, unless {@code trusted}: the address signed in as this operator before,
     * so that strangers' guesses cannot lock the operator out. The count is kept in the operator's row and moved by one
     * statement each time, so two instances count every failure once; no lock is held while the hash is checked.
     */
    Login login(String username, String password, Instant now, boolean trusted) {
        if (ControlCharacters.refusal(username, false).isPresent()) {
            hasher.verify(password, null); // no operator has such a name, and the database would refuse to look for it
            return new Login.Refused(false);
        }
        Optional<OperatorStore.Credentials> stored = store.credentials(username);
        if (stored.isEmpty()) {
            hasher.verify(password, null); // as slow as a wrong password
            return new Login.Refused(false);
        }
        String hash = stored.get().passwordHash();
        int failed = stored.get().failedLogins();
        Instant lockedUntil = stored.get().lockedUntil();
        Operator operator = stored.get().operator();
        boolean locked = lockedUntil != null && lockedUntil.isAfter(now);
        if (locked && !trusted) {
            return new Login.Refused(true); // no hash to check: a locked account's guesses cost no CPU
        }
        if (hasher.verify(password, hash)) {
            if (failed > 0 || lockedUntil != null) {
                succeeded(username);
            }
            return new Login.Admitted(operator);
        }
        boolean lockedNow = failed(username, now);
        return new Login.Refused(lockedNow && !trusted);
    }

    /** @return whether the operator is locked now (this failure locked it, or another's had) */
    private boolean failed(String username, Instant now) {
        Instant until = store.failed(username, lockAfterFailures, now.plus(lockFor));
        return until != null && until.isAfter(now);
    }

    private void succeeded(String username) {
        store.succeeded(username);
    }

    /** Every operator, admins first. */
    public List<Operator> operators() {
        return store.operators();
    }

    public Optional<Operator> operator(String username) {
        return store.operator(username);
    }

    /**
     * A new operator. A tenant operator names its tenant (which must exist); an admin names none.
     *
     * @throws InvalidOperatorException naming the field that is wrong
     * @return empty when the username is taken
     */
    public Optional<Operator> create(String username, String password, Role role, UUID tenantId, Actor by) {
        checkUsername(username);
        checkPassword("password", password);
        if ((role == Role.ADMIN) != (tenantId == null)) {
            throw new InvalidOperatorException("tenantId", role == Role.ADMIN ? "an admin sees every tenant, so it names none"
                    : "a tenant operator must name its tenant");
        }
        if (!store.insert(username, hasher.hash(password), role.stored(), tenantId, by)) {
            if (tenantId != null && operator(username).isEmpty()) {
                throw new InvalidOperatorException("tenantId", "no tenant " + tenantId);
            }
            return Optional.empty();
        }
        return operator(username);
    }

    /** Sets an operator's password (an admin does, for another) and lifts a lock. @return false for an unknown operator */
    public boolean changePassword(String username, String password, Actor by) {
        checkPassword("password", password);
        return store.changePassword(username, hasher.hash(password), by);
    }

    /**
     * An operator changes its own password: the current one must be right (a wrong one counts as a failed login, so a
     * session left open cannot be used to guess it), the new one follows the rules of a new operator's. Every other
     * console session of the operator ends with the change; {@code keepSessionSha256} names the one it was made from
     * (null: none, from the admin API). Its API tokens stay: they are listed beside, to revoke one by one.
     *
     * @return how many other console sessions were signed out
     * @throws InvalidOperatorException naming {@code currentPassword} or {@code newPassword}; nothing is changed then
     */
    public int changeOwnPassword(Operator operator, String currentPassword, String newPassword, String keepSessionSha256) {
        String username = operator.username();
        if (ADMIN.equals(username) && config.hasAdminPassword()) {
            throw new InvalidOperatorException("newPassword", "the password of admin is ROSTERSYNC_ADMIN_PASSWORD, set again at every"
                    + " start: change that variable and restart rostersync instead");
        }
        checkPassword("newPassword", newPassword);
        if (currentPassword == null || currentPassword.isEmpty()) {
            throw new InvalidOperatorException("currentPassword", "give your current password");
        }
        if (newPassword.equals(currentPassword)) {
            throw new InvalidOperatorException("newPassword", "the new password is the current one: choose another");
        }
        Login login = login(username, currentPassword, java.time.Instant.now(), true);
        if (!(login instanceof Login.Admitted)) {
            throw new InvalidOperatorException("currentPassword", "that is not your current password");
        }
        return store.changeOwnPassword(username, hasher.hash(newPassword), keepSessionSha256, new Actor(username));
    }

    /** Removes an operator and signs it out everywhere; the bootstrap admin stays. @return false for an unknown one */
    public boolean delete(String username, Actor by) {
        if (ADMIN.equals(username)) {
            throw new InvalidOperatorException("username", "the operator admin cannot be deleted (ROSTERSYNC_ADMIN_PASSWORD sets it)");
        }
        return store.delete(username, by);
    }

    private static void checkUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new InvalidOperatorException("username", "1 to 64 of a-z, 0-9 and . _ @ -, starting with a letter or digit");
        }
    }

    private static void checkPassword(String field, String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH || password.length() > 1024) {
            throw new InvalidOperatorException(field, "at least " + MIN_PASSWORD_LENGTH + " characters");
        }
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (config.hasAdminPassword()) {
            setPassword(ADMIN, config.adminPassword());
        } else if (passwordHash(ADMIN).isEmpty()) {
            String generated = secrets.newSecret();
            setPassword(ADMIN, generated);
            // Printed to the console once, on purpose: this is the only way the first operator learns it.
            System.out.println("""

                    ====================================================================
                     rostersync generated the password of the operator 'admin':
                       %s
                     It is shown only this once. Set ROSTERSYNC_ADMIN_PASSWORD to choose one.
                    ====================================================================
                    """.formatted(generated));
            LOG.info("Generated the password of operator 'admin' (printed on the console, stored as a hash)");
        }
    }

    private void setPassword(String username, String password) {
        store.setPassword(username, hasher.hash(password));
    }

    private Optional<String> passwordHash(String username) {
        return store.passwordHash(username);
    }
}
