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
import org.rostersync.operator.OperatorService;
import org.rostersync.operator.Role;
import org.rostersync.tenant.InvalidSettingException;
import org.rostersync.tenant.TenantService;

import java.util.Map;
import java.util.UUID;

/** Admins manage operators here: add one, set a password (which lifts a lock), remove one. */
@Controller("/console/operators")
@ExecuteOn(TaskExecutors.BLOCKING)
class OperatorsController {

    private final OperatorService operators;
    private final TenantService tenants;
    private final Pages pages;

    OperatorsController(OperatorService operators, TenantService tenants, Pages pages) {
        this.operators = operators;
        this.tenants = tenants;
        this.pages = pages;
    }

    @Get
    HttpResponse<String> list(HttpRequest<?> request, @Nullable @QueryValue String notice) {
        Session session = Requests.session(request);
        if (!session.operator().isAdmin()) {
            return notFound(session);
        }
        return page(session, Map.of(), Map.of(), HttpStatus.OK, notice);
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> create(HttpRequest<?> request, @Body Map<String, String> form) {
        return asAdmin(request, form, session -> {
            String username = form.getOrDefault("username", "").strip();
            try {
                Forms.check(form);
                Role role = Role.of(form.getOrDefault("role", Role.TENANT_OPERATOR.stored()));
                String tenant = form.getOrDefault("tenantId", "");
                UUID tenantId = role == Role.ADMIN || tenant.isBlank() ? null : uuid(tenant);
                if (operators.create(username, form.get("password"), role, tenantId, session.actor()).isEmpty()) {
                    return page(session, form, Map.of("username", "an operator '" + username + "' exists already"), HttpStatus.CONFLICT, null);
                }
            } catch (InvalidOperatorException e) {
                return page(session, form, Map.of(e.field(), e.getMessage()), HttpStatus.BAD_REQUEST, null);
            } catch (InvalidSettingException e) {
                return page(session, form, Map.of(e.field(), e.getMessage()), HttpStatus.BAD_REQUEST, null);
            }
            return Pages.seeOther("/console/operators?notice=added");
        });
    }

    @Post(value = "/{username}/password", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> password(HttpRequest<?> request, String username, @Body Map<String, String> form) {
        return asAdmin(request, form, session -> change(session, username, "password",
                () -> operators.changePassword(username, form.get("password"), session.actor())));
    }

    @Post(value = "/{username}/delete", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> delete(HttpRequest<?> request, String username, @Body Map<String, String> form) {
        return asAdmin(request, form, session -> change(session, username, "removed", () -> operators.delete(username, session.actor())));
    }

    private interface Action {
        HttpResponse<?> run(Session session);
    }

    private interface Change {
        /** @return false for an unknown operator */
        boolean apply();
    }

    /** A form only an admin may send: the session's token first, then the role, then the action. */
    private HttpResponse<?> asAdmin(HttpRequest<?> request, Map<String, String> form, Action action) {
        Session session = Requests.session(request);
        if (!session.allows(form.get("_csrf"))) {
            return Forms.refused();
        }
        if (!session.operator().isAdmin()) {
            return notFound(session);
        }
        return action.run(session);
    }

    /** A change to one operator; a refusal comes back next to that operator's row. */
    private HttpResponse<?> change(Session session, String username, String notice, Change change) {
        try {
            if (!change.apply()) {
                return notFound(session);
            }
        } catch (InvalidOperatorException e) {
            return page(session, Map.of(), Map.of(notice + ":" + username, e.getMessage()), HttpStatus.BAD_REQUEST, null);
        }
        return Pages.seeOther("/console/operators?notice=" + notice);
    }

    private HttpResponse<String> page(Session session, Map<String, String> sent, Map<String, String> errors, HttpStatus status,
                                      String notice) {
        String text = notice == null ? null : switch (notice) {
            case "added" -> "Added: the operator can sign in now.";
            case "password" -> "Password set; a lock after failed sign-ins is lifted.";
            case "removed" -> "Removed: the operator's sessions ended with it.";
            default -> null;
        };
        return pages.render(status, "console/operators.jte", new OperatorsPage(Frame.of("Operators", session),
                operators.operators(), tenants.tenants(), sent, errors, text));
    }

    private HttpResponse<String> notFound(Session session) {
        return pages.render(HttpStatus.NOT_FOUND, "console/missing.jte",
                new MissingPage(Frame.of("Not found", session), "This page is for admins."));
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidOperatorException("tenantId", "no tenant " + text);
        }
    }
}
