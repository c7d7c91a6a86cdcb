package org.rostersync.console;

import io.micronaut.core.annotation.Nullable;
import org.rostersync.operator.NewOperatorToken;
import org.rostersync.operator.Operator;
import org.rostersync.operator.OperatorToken;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The signed-in operator's own account: who it is, a form to change its password, its API tokens and a form to make one.
 *
 * @param tenant   the name of the operator's tenant; null for an admin
 * @param password the password form as it came back after a refusal (never with a password in it), else empty
 * @param token    the new-token form as it came back after a refusal, else empty
 * @param created  the token just made, shown this once; else null
 */
public record AccountPage(Frame frame, Operator operator, @Nullable String tenant, List<OperatorToken> tokens, FormState password,
                          FormState token, @Nullable NewOperatorToken created, @Nullable String notice) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    public AccountPage {
        tokens = List.copyOf(tokens);
    }

    public String time(@Nullable Instant instant) {
        return instant == null ? "never" : TIME.format(instant);
    }

    /** What the operator sees, in words. */
    public String reach() {
        return operator.isAdmin() ? "every tenant, and the operators" : "the tenant " + (tenant == null ? "" : tenant);
    }
}
