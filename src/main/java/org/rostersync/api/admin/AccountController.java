package org.rostersync.api.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import org.rostersync.operator.NewOperatorToken;
import org.rostersync.operator.Operator;
import org.rostersync.operator.OperatorService;
import org.rostersync.operator.OperatorToken;
import org.rostersync.operator.OperatorTokens;

import java.util.List;
import java.util.UUID;

/** The calling operator's own account: who it is, its password, its API tokens. Every operator may call these. */
@Controller("/api/me")
@ExecuteOn(TaskExecutors.BLOCKING)
class AccountController {

    @Serdeable
    record PasswordChange(@Nullable String currentPassword, @Nullable String newPassword) {
    }

    @Serdeable
    record TokenRequest(@Nullable String name) {
    }

    /** What a password change did beyond the password. */
    @Serdeable
    record PasswordChanged(int sessionsSignedOut) {
    }

    private final OperatorService operators;
    private final OperatorTokens tokens;

    AccountController(OperatorService operators, OperatorTokens tokens) {
        this.operators = operators;
        this.tokens = tokens;
    }

    @Get
    Operator me(@RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        return caller.operator();
    }

    /** The current password is required; every console session of the operator ends. Its tokens stay. */
    @Put("/password")
    PasswordChanged changePassword(@Body PasswordChange body, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        return new PasswordChanged(operators.changeOwnPassword(caller.operator(), body.currentPassword(), body.newPassword(), null));
    }

    @Get("/tokens")
    List<OperatorToken> tokens(@RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        return tokens.tokens(caller.operator().username());
    }

    /** The token is answered this once. */
    @Post("/tokens")
    HttpResponse<NewOperatorToken> createToken(@Body TokenRequest body, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        return HttpResponse.created(tokens.create(caller.operator(), body.name()));
    }

    /** Revokes the token: refused from the next request on (the calling one too, if it is this token). */
    @Delete("/tokens/{tokenId}")
    HttpResponse<Void> revokeToken(UUID tokenId, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        if (!tokens.revoke(caller.operator(), tokenId)) {
            throw new NotFoundException("API token", tokenId);
        }
        return HttpResponse.noContent();
    }
}
