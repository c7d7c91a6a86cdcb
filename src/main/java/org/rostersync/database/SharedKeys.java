package org.rostersync.database;

import jakarta.inject.Singleton;
import org.rostersync.config.StartupRefusal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The keys every instance sharing one database must hold alike: the sealing key (else the secrets one instance seals,
 * another cannot open), the token key (else the bearer tokens one issues, another refuses) and the SFTP host keys (else
 * vendors' clients see the server's key change from one machine to the next). Instances on one machine share them
 * through the data directory; on several machines each makes its own unless they are set, and the failures that follow
 * are intermittent and far from their cause. So each instance records its keys' check values at start (table
 * shared_key), and a start whose key differs from that of an instance still alive is refused, naming the setting.
 *
 * <p>Only live instances count (their liveness lock is held: {@link InstanceLiveness}), so a key is changed by stopping
 * every instance and starting them with the new one; a rolling change, which would break half the requests while it
 * lasts, is refused.
 */
@Singleton
public class SharedKeys {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Db db;
    private final InstanceLiveness liveness;
    private final String host;

    SharedKeys(Db db, InstanceLiveness liveness) {
        this.db = db;
        this.liveness = liveness;
        this.host = hostName() + " (process " + ProcessHandle.current().pid() + ")";
    }

    /** A key instances must share: where it is set, and what goes wrong while two instances hold different ones. */
    public enum Key {
        SEALING("the sealing key (ROSTERSYNC_SECRET_KEY, or the data directory's secret.key)",
                "the secrets one instance seals, another cannot open"),
        TOKEN("the token key (ROSTERSYNC_TOKEN_KEY, or the data directory's token.key)",
                "the bearer tokens one instance issues, another refuses"),
        SFTP_HOST("the SFTP host keys (ROSTERSYNC_SFTP_HOST_KEYS, or the data directory's sftp/ folder)",
                "vendors' SFTP clients see the server's key change from one instance to the next, and refuse it");

        private final String setting;
        private final String consequence;

        Key(String setting, String consequence) {
            this.setting = setting;
            this.consequence = consequence;
        }
    }

    private record Holder(long instance, String checkValue, String host, Instant startedAt) {
    }

    /**
     * Records that this instance holds the key whose check value is given, or refuses the start when a live instance
     * sharing the database holds another.
     *
     * @param checkValue the key's check value ({@code KeyFile.checkValue}), or a digest of public keys
     */
    public void agree(Key key, String checkValue) {
        db.inTransaction(tx -> {
            // instances starting at once check in turn, so that two with different keys cannot both pass
            tx.one("SELECT pg_advisory_xact_lock(hashtextextended('rostersync:shared-keys', 0))", row -> Boolean.TRUE);
            List<Holder> others = tx.query("""
                    SELECT instance, check_value, host, started_at FROM shared_key
                    WHERE setting = ? AND instance <> ? ORDER BY started_at""",
                    row -> new Holder(row.number(1), row.text(2), row.text(3), row.instant(4)), key.name(), liveness.key());
            for (Holder other : others) {
                if (tx.onConnection(c -> liveness.isGone(c, other.instance()))) {
                    tx.update("DELETE FROM shared_key WHERE instance = ?", other.instance());
                } else if (!other.checkValue().equals(checkValue)) {
                    throw new StartupRefusal(capitalized(key.setting) + " is not the one the instance on " + other.host()
                            + ", started " + WHEN.format(other.startedAt()) + ", holds, and every instance sharing a"
                            + " database must hold the same (else " + key.consequence + "): give this instance the same,"
                            + " or stop every instance to change it");
                }
            }
            tx.update("""
                    INSERT INTO shared_key (instance, setting, check_value, host) VALUES (?, ?, ?, ?)
                    ON CONFLICT (instance, setting) DO UPDATE SET check_value = EXCLUDED.check_value""",
                    liveness.key(), key.name(), checkValue, host);
            return null;
        });
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "an unnamed host";
        }
    }
}
