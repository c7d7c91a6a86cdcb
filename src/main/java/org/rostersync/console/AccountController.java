package org.rostersync.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.rostersync.operator.InvalidOperatorException;
import org.rostersync.operator.NewOperatorToken;
import org.rostersync.operator.OperatorService;
import org.rostersync.operator.OperatorTokens;
import org.rostersync.tenant.InvalidSettingException;
import org.rostersync.tenant.TenantService;

import java.util.Map;
import java.util.UUID;

/**
 * Every operator's own account, reached from every page's header: change its password (the current one required, its
 * other sessions signed out), and make, list and revoke the API tokens its scripts call the admin API with.
 */
@Controller("/console/account")
@ExecuteOn(TaskExecutors.BLOCKING)
class AccountController {

    private final OperatorService operators;
    private final OperatorTokens tokens;
    private final TenantService tenants;
    private final Pages pages;

    AccountController(OperatorService operators, OperatorTokens tokens, TenantService tenants, Pages pages) {
        this.operators = operators;
        this.tokens = tokens;
        this.tenants = tenants;
        this.pages = pages;
    }

    @Get
    HttpResponse<String> show(HttpRequest<?> request, @Nullable @QueryValue String notice, @Nullable @QueryValue Integer ended) {
        return page(Requests.session(request), HttpStatus.OK, FormState.STORED, FormState.STORED, null, notice(notice, ended));
    }

    @Post(value = "/password", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> changePassword(HttpRequest<?> request, @Body Map<String, String> form) {
        Session session = Requests.session(request);
        if (!session.allows(form.get("_csrf"))) {
            return Forms.refused();
        }
        int ended;
        try {
            Forms.check(form);
            String next = form.getOrDefault("newPassword", "");
            if (!next.equals(form.getOrDefault("repeatPassword", ""))) {
                throw new InvalidOperatorException("repeatPassword", "the two new passwords differ: type the same one twice");
            }
            ended = operators.changeOwnPassword(session.operator(), form.get("currentPassword"), next, session.tokenSha256());
        } catch (InvalidOperatorException e) {
            return refusedPassword(session, e.field(), e.getMessage());
        } catch (InvalidSettingException e) {
            return refusedPassword(session, e.field(), e.getMessage());
        }
        return Pages.seeOther("/console/account?notice=password&ended=" + ended);
    }

    /** Passwords are never sent back into the page: the form comes back empty, the error next to its field. */
    private HttpResponse<String> refusedPassword(Session session, String field, String message) {
        return page(session, HttpStatus.BAD_REQUEST, FormState.refused(Map.of(), field, message), FormState.STORED, null, null);
    }

    /** Makes a token and shows it on the answer itself, the only time it is ever shown. */
    @Post(value = "/tokens", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> createToken(HttpRequest<?> request, @Body Map<String, String> form) {
        Session session = Requests.session(request);
        if (!session.allows(form.get("_csrf"))) {
            return Forms.refused();
        }
        NewOperatorToken created;
        try {
            Forms.check(form);
            created = tokens.create(session.operator(), form.getOrDefault("tokenName", ""));
        } catch (InvalidOperatorException e) {
            return page(session, HttpStatus.BAD_REQUEST, FormState.STORED, FormState.refused(form, "tokenName", e.getMessage()), null, null);
        } catch (InvalidSettingException e) {
            return page(session, HttpStatus.BAD_REQUEST, FormState.STORED, FormState.refused(form, "tokenName", e.getMessage()), null, null);
        }
        return page(session, HttpStatus.OK, FormState.STORED, FormState.STORED, created, null);
    }

    @Post(value = "/tokens/{tokenId}/revoke", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> revokeToken(HttpRequest<?> request, String tokenId, @Body Map<String, String> form) {
        Session session = Requests.session(request);
        if (!session.allows(form.get("_csrf"))) {
            return Forms.refused();
        }
        UUID id;
        try {
            id = UUID.fromString(tokenId);
        } catch (IllegalArgumentException e) {
            return missing(session);
        }
        // only the operator's own tokens: another's id is as unknown as one that never existed
        return tokens.revoke(session.operator(), id) ? Pages.seeOther("/console/account?notice=revoked") : missing(session);
    }

    private HttpResponse<String> missing(Session session) {
        return pages.render(HttpStatus.NOT_FOUND, "console/missing.jte", new MissingPage(Frame.of("Not found", session),
                "You have no such API token: it may have been revoked already."));
    }

    private HttpResponse<String> page(Session session, HttpStatus status, FormState password, FormState token,
                                      NewOperatorToken created, String notice) {
        String tenant = session.operator().tenantId() == null ? null
                : tenants.tenant(session.operator().tenantId()).map(org.rostersync.tenant.Tenant::name).orElse(null);
        return pages.render(status, "console/account.jte", new AccountPage(Frame.of("Your account", session), session.operator(),
                tenant, tokens.tokens(session.operator().username()), password, token, created, notice));
    }

    private static String notice(String notice, Integer ended) {
        if ("password".equals(notice)) {
            int others = ended == null ? 0 : Math.max(0, ended);
            return "Password changed. " + switch (others) {
                case 0 -> "You had no other session to sign out.";
                case 1 -> "Your 1 other session was signed out: sign in there again with the new password.";
                default -> "Your " + others + " other sessions were signed out: sign in there again with the new password.";
            } + " Your API tokens still work; revoke any you no longer trust below.";
        }
        if ("revoked".equals(notice)) {
            return "API token revoked: scripts using it are refused from their next request on.";
        }
        return null;
    }
}
