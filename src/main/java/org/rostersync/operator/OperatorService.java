package org.rostersync.operator;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.rostersync.config.RostersyncConfig;
import org.rostersync.security.PasswordHasher;
import org.rostersync.security.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The operator {@code admin}. Its password comes from ROSTERSYNC_ADMIN_PASSWORD (re-applied at every start, so
 * changing the variable rotates it), or is generated on the first start, printed once, and stored only as a hash.
 */
@Singleton
public class OperatorService {

    public static final String ADMIN = "admin";
    private static final Logger LOG = LoggerFactory.getLogger(OperatorService.class);

    private final DataSource dataSource;
    private final PasswordHasher hasher;
    private final Secrets secrets;
    private final RostersyncConfig config;

    OperatorService(DataSource dataSource, PasswordHasher hasher, Secrets secrets, RostersyncConfig config) {
        this.dataSource = dataSource;
        this.hasher = hasher;
        this.secrets = secrets;
        this.config = config;
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

    public boolean authenticate(String username, String password) throws SQLException {
        return hasher.verify(password, passwordHash(username).orElse(null));
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
