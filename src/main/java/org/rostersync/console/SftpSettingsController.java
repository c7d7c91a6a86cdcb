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
import org.rostersync.config.MailConfig;
import org.rostersync.intake.sftp.SftpServer;
import org.rostersync.report.SftpEventStore;
import org.rostersync.tenant.InvalidSettingException;
import org.rostersync.tenant.SftpAccountChange;
import org.rostersync.tenant.Source;
import org.rostersync.tenant.TenantService;
import org.rostersync.tenant.UsernameTakenException;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A source's hosted SFTP account, as the admin API's {@code /api/sources/{id}/sftp-account} changes it and through the
 * same service call, so each rule (username, keys, networks, password length) is checked once. A reset password is
 * generated here and shown once in the answer to the reset; only its hash is stored.
 */
@Controller("/console/sources/{sourceId}/sftp")
@ExecuteOn(TaskExecutors.BLOCKING)
class SftpSettingsController {

    /** The audit entries the page lists; the admin API's sftp-events reads further back. */
    static final int AUDITED_EVENTS = 50;

    private static final Map<String, String> SAVED = Map.of(
            "account", "Saved: the next SFTP login uses these settings, and open sessions they no longer admit were closed.",
            "password-removed", "Password removed: the account logs in with its keys only; sessions that logged in with the password were closed.");

    private final TenantService tenants;
    private final SourceAccess access;
    private final Pages pages;
    private final SftpServer server;
    private final MailConfig mail;
    private final PasswordGenerator passwords;
    private final SftpEventStore events;

    SftpSettingsController(TenantService tenants, SourceAccess access, Pages pages, SftpServer server, MailConfig mail,
                           PasswordGenerator passwords, SftpEventStore events) {
        this.events = events;
        this.tenants = tenants;
        this.access = access;
        this.pages = pages;
        this.server = server;
        this.mail = mail;
        this.passwords = passwords;
    }

    @Get
    HttpResponse<?> show(HttpRequest<?> request, String sourceId, @Nullable @QueryValue String saved) {
        return access.page(request, sourceId, (session, source) -> page(session, source, HttpStatus.OK,
                saved == null ? null : SAVED.getOrDefault(saved, "Saved."), FormState.STORED, FormState.STORED, null));
    }

    /** Username, enabled, and the keys and networks, each typed one per line, replacing the lists. */
    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> save(HttpRequest<?> request, String sourceId, @Body Map<String, String> form) {
        return access.form(request, sourceId, form, (session, source) -> {
            TypedLines keys = TypedLines.of(form.get("authorizedKeys"));
            TypedLines networks = TypedLines.of(form.get("allowedNetworks"));
            // a blank username is sent as "" so that the username rule refuses it (null would keep the stored one)
            SftpAccountChange change = new SftpAccountChange(form.getOrDefault("username", "").strip(), null, false,
                    Forms.ticked(form, "enabled"), keys.entries(), networks.entries());
            try {
                Forms.check(form);
                tenants.changeSftpAccount(source.id(), change, session.actor());
            } catch (InvalidSettingException e) {
                String message = e.field().startsWith("allowedNetworks") ? networks.explain(e, "allowedNetworks")
                        : keys.explain(e, "authorizedKeys");
                return refusedAccount(session, source, FormState.refused(form, e.field(), message));
            } catch (UsernameTakenException e) {
                return refusedAccount(session, source, FormState.refused(form, "username", e.getMessage()));
            }
            return saved(source, "account");
        });
    }

    /**
     * A new password: the one typed, or else a generated one, shown in this answer only (reloading it would reset the
     * password again rather than show it twice).
     */
    @Post(uri = "/password", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> resetPassword(HttpRequest<?> request, String sourceId, @Body Map<String, String> form) {
        return access.form(request, sourceId, form, (session, source) -> {
            String typed = form.getOrDefault("password", "");
            // typed as it is: spaces may be part of a password
            boolean generated = typed.isEmpty();
            String password = generated ? passwords.next() : typed;
            try {
                Forms.check(form);
                tenants.changeSftpAccount(source.id(), new SftpAccountChange(null, password, false, null, null, null),
                        session.actor());
            } catch (InvalidSettingException e) {
                return page(session, source, HttpStatus.BAD_REQUEST, null, FormState.STORED,
                        FormState.refused(withoutPassword(form), e), null);
            }
            return page(session, source, HttpStatus.OK, generated
                    ? "Password reset: give the vendor the new password below. It is shown only this once; sessions that logged in with the old one were closed."
                    : "Password set: sessions that logged in with the old one were closed.",
                    FormState.STORED, FormState.STORED, generated ? password : null);
        });
    }

    /** Refused while the account is enabled and has no key: it could not be logged into at all. */
    @Post(uri = "/password/remove", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> removePassword(HttpRequest<?> request, String sourceId, @Body Map<String, String> form) {
        return access.form(request, sourceId, form, (session, source) -> {
            try {
                tenants.changeSftpAccount(source.id(), new SftpAccountChange(null, null, true, null, null, null),
                        session.actor());
            } catch (InvalidSettingException e) {
                return page(session, source, HttpStatus.BAD_REQUEST, null, FormState.STORED, FormState.refused(form, e), null);
            }
            return saved(source, "password-removed");
        });
    }

    private HttpResponse<?> refusedAccount(Session session, Source source, FormState refused) {
        return page(session, source, HttpStatus.BAD_REQUEST, null, refused, FormState.STORED, null);
    }

    private static HttpResponse<?> saved(Source source, String what) {
        return Pages.seeOther("/console/sources/" + source.id() + "/sftp?saved=" + what);
    }

    /** A refused password is not echoed back into the page. */
    private static Map<String, String> withoutPassword(Map<String, String> form) {
        Map<String, String> kept = new LinkedHashMap<>(form);
        kept.remove("password");
        return kept;
    }

    private HttpResponse<String> page(Session session, Source source, HttpStatus status, String notice, FormState accountForm,
                                      FormState passwordForm, String newPassword) {
        var account = tenants.sftpAccount(source.id())
                .orElseThrow(() -> new IllegalStateException("source " + source.id() + " has no SFTP account"));
        ZoneId zone = access.zone(source);
        return pages.render(status, "console/settings/sftp.jte", new SftpAccountPage(Frame.of("SFTP account · " + source.name(),
                session), access.header(source, "sftp", notice), account,
                SftpEndpoint.of(server, mail), zone, accountForm, passwordForm, newPassword,
                events.forSource(source.id(), AUDITED_EVENTS)));
    }
}
