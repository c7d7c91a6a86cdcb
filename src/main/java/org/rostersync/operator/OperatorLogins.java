package org.rostersync.operator;

import jakarta.inject.Singleton;
import org.rostersync.config.OperatorLoginConfig;
import org.rostersync.security.FailureBans;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The one door of operators, for the console and the admin API alike. Failures are counted per address and per
 * operator. An address that keeps failing is slowed (every failure is answered late) and then banned for a while, as
 * the SFTP server bans its addresses ({@link FailureBans}): a banned address is refused before any password is checked,
 * even the right one. The operator's own count locks it, but only against addresses it never signed in from: the real
 * operator, from where it signed in before, keeps working while strangers guess. Hashes are checked a few at a time
 * ({@code PasswordHasher}'s slots), so a flood of guesses cannot take the CPU from runs and API reads.
 */
@Singleton
public class OperatorLogins {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorLogins.class);

    /** What a login came to. */
    public sealed interface Outcome {
        record Admitted(Operator operator) implements Outcome {
        }

        /** @param locked whether the operator is locked against this address */
        record Refused(boolean locked) implements Outcome {
        }

        /** The address is banned after failed logins, until {@code until}: nothing it sends is checked. */
        record Banned(Instant until) implements Outcome {
        }
    }

    private final OperatorService operators;
    private final OperatorTokens tokens;
    private final FailureBans bans;
    private final KnownAddresses known = new KnownAddresses();
    private final Duration failureDelay;
    private final Clock clock = Clock.systemUTC();

    OperatorLogins(OperatorService operators, OperatorTokens tokens, OperatorLoginConfig config) {
        this.operators = operators;
        this.tokens = tokens;
        this.bans = new FailureBans(new FailureBans.Limits(config.banAfterFailures(), Duration.ofSeconds(config.banWindowSeconds()),
                Duration.ofSeconds(config.banSeconds())), clock);
        this.failureDelay = Duration.ofMillis(config.failureDelayMillis());
    }

    public Outcome login(String username, String password, InetAddress from) {
        var banned = bans.banEnds(from);
        if (banned.isPresent()) {
            return new Outcome.Banned(banned.get());
        }
        Instant now = clock.instant();
        OperatorService.Login login = operators.login(username, password, now, known.known(username, from));
        if (login instanceof OperatorService.Login.Admitted admitted) {
            bans.forgive(from);
            known.signedIn(username, from, now);
            return new Outcome.Admitted(admitted.operator());
        }
        bans.failed(from).ifPresent(ban -> LOG.warn("Operator logins from {} banned for {} s after {} failures within {} s",
                from.getHostAddress(), ban.toSeconds(), bans.limits().banAfter(), bans.limits().window().toSeconds()));
        slowDown();
        return new Outcome.Refused(((OperatorService.Login.Refused) login).locked());
    }

    /**
     * An API token's login: a banned address is refused before the token is looked up, and a token that is none counts
     * as a failure of the address, as a wrong password does. It is not answered late: a token of 256 random bits cannot
     * be guessed, so the delay would only slow a script whose token was revoked.
     */
    public Outcome token(String token, InetAddress from) {
        var banned = bans.banEnds(from);
        if (banned.isPresent()) {
            return new Outcome.Banned(banned.get());
        }
        Optional<Operator> operator = tokens.authenticate(token, clock.instant());
        if (operator.isPresent()) {
            return new Outcome.Admitted(operator.get());
        }
        bans.failed(from).ifPresent(ban -> LOG.warn("Operator logins from {} banned for {} s after {} failures within {} s",
                from.getHostAddress(), ban.toSeconds(), bans.limits().banAfter(), bans.limits().window().toSeconds()));
        return new Outcome.Refused(false);
    }

    public int lockAfterFailures() {
        return operators.lockAfterFailures();
    }

    public Duration lockFor() {
        return operators.lockFor();
    }

    /** A guess is answered late: a loop of them from one address gets few a second. Outside the hashing slots. */
    private void slowDown() {
        try {
            Thread.sleep(failureDelay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
