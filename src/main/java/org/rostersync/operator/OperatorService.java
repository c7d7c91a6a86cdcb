package org.rostersync.operator;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.rostersync.config.OperatorLoginConfig;
import org.rostersync.config.RostersyncConfig;
import org.rostersync.security.ControlCharacters;
import org.rostersync.security.PasswordHasher;
import org.rostersync.security.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

    private final DataSource dataSource;
    private final PasswordHasher hasher;
    private final Secrets secrets;
    private final RostersyncConfig config;
    private final int lockAfterFailures;
    private final Duration lockFor;

    OperatorService(DataSource dataSource, PasswordHasher hasher, Secrets secrets, RostersyncConfig config,
                    OperatorLoginConfig login) {
        this.dataSource = dataSource;
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
    Login login(String username, String password, Instant now, boolean trusted) throws SQLException {
        if (ControlCharacters.refusal(username, false).isPresent()) {
            hasher.verify(password, null); // no operator has such a name, and the database would refuse to look for it
            return new Login.Refused(false);
        }
        String hash;
        int failed;
        Instant lockedUntil;
        Operator operator;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT password_hash, role, tenant_id, failed_logins, locked_until"
                     + " FROM operator WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    hasher.verify(password, null); // as slow as a wrong password
                    return new Login.Refused(false);
                }
                hash = rs.getString(1);
                failed = rs.getInt(4);
                java.sql.Timestamp locked = rs.getTimestamp(5);
                lockedUntil = locked == null ? null : locked.toInstant();
                operator = new Operator(username, rs.getString(2), rs.getObject(3, UUID.class), null);
            }
        }
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
    private boolean failed(String username, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     UPDATE operator SET
                       failed_logins = CASE WHEN failed_logins + 1 >= ? THEN 0 ELSE failed_logins + 1 END,
                       locked_until = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE locked_until END
                     WHERE username = ? RETURNING locked_until""")) {
            ps.setInt(1, lockAfterFailures);
            ps.setInt(2, lockAfterFailures);
            ps.setTimestamp(3, java.sql.Timestamp.from(now.plus(lockFor)));
            ps.setString(4, username);
            try (ResultSet rs = ps.executeQuery()) {
                java.sql.Timestamp until = rs.next() ? rs.getTimestamp(1) : null;
                return until != null && until.toInstant().isAfter(now);
            }
        }
    }

    private void succeeded(String username) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE operator SET failed_logins = 0, locked_until = NULL WHERE username = ?")) {
            ps.setString(1, username);
            ps.executeUpdate();
        }
    }

    /** Every operator, admins first. */
    public List<Operator> operators() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT username, role, tenant_id, locked_until FROM operator"
                     + " ORDER BY role, username");
             ResultSet rs = ps.executeQuery()) {
            List<Operator> out = new ArrayList<>();
            while (rs.next()) {
                out.add(read(rs));
            }
            return out;
        }
    }

    public Optional<Operator> operator(String username) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT username, role, tenant_id, locked_until FROM operator WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static Operator read(ResultSet rs) throws SQLException {
        java.sql.Timestamp locked = rs.getTimestamp(4);
        return new Operator(rs.getString(1), rs.getString(2), rs.getObject(3, UUID.class), locked == null ? null : locked.toInstant());
    }

    /**
     * A new operator. A tenant operator names its tenant (which must exist); an admin names none.
     *
     * @throws InvalidOperatorException naming the field that is wrong
     * @return empty when the username is taken
     */
    public Optional<Operator> create(String username, String password, Role role, UUID tenantId) throws SQLException {
        checkUsername(username);
        checkPassword(password);
        if ((role == Role.ADMIN) != (tenantId == null)) {
            throw new InvalidOperatorException("tenantId", role == Role.ADMIN ? "an admin sees every tenant, so it names none"
                    : "a tenant operator must name its tenant");
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO operator (username, password_hash, role, tenant_id)"
                     + " SELECT ?, ?, ?, ? WHERE ?::uuid IS NULL OR EXISTS (SELECT 1 FROM tenant WHERE id = ?::uuid)"
                     + " ON CONFLICT (username) DO NOTHING")) {
            ps.setString(1, username);
            ps.setString(2, hasher.hash(password));
            ps.setString(3, role.stored());
            ps.setObject(4, tenantId);
            ps.setObject(5, tenantId);
            ps.setObject(6, tenantId);
            if (ps.executeUpdate() == 0) {
                if (tenantId != null && operator(username).isEmpty()) {
                    throw new InvalidOperatorException("tenantId", "no tenant " + tenantId);
                }
                return Optional.empty();
            }
        }
        return operator(username);
    }

    /** Sets an operator's password and lifts a lock. @return false for an unknown operator */
    public boolean changePassword(String username, String password) throws SQLException {
        checkPassword(password);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE operator SET password_hash = ?, failed_logins = 0, locked_until = NULL"
                     + " WHERE username = ?")) {
            ps.setString(1, hasher.hash(password));
            ps.setString(2, username);
            return ps.executeUpdate() == 1;
        }
    }

    /** Removes an operator and signs it out everywhere; the bootstrap admin stays. @return false for an unknown one */
    public boolean delete(String username) throws SQLException {
        if (ADMIN.equals(username)) {
            throw new InvalidOperatorException("username", "the operator admin cannot be deleted (ROSTERSYNC_ADMIN_PASSWORD sets it)");
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM operator WHERE username = ?")) {
            ps.setString(1, username);
            return ps.executeUpdate() == 1;
        }
    }

    private static void checkUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new InvalidOperatorException("username", "1 to 64 of a-z, 0-9 and . _ @ -, starting with a letter or digit");
        }
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH || password.length() > 1024) {
            throw new InvalidOperatorException("password", "at least " + MIN_PASSWORD_LENGTH + " characters");
        }
    }

    @EventListener
    void onStartup(StartupEvent event) throws SQLException {
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

    private void setPassword(String username, String password) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO operator (username, password_hash) VALUES (?, ?)
                     ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash""")) {
            ps.setString(1, username);
            ps.setString(2, hasher.hash(password));
            ps.executeUpdate();
        }
    }

    private Optional<String> passwordHash(String username) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT password_hash FROM operator WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
