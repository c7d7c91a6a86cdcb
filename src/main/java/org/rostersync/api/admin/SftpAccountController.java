package org.rostersync.api.admin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import org.rostersync.intake.sftp.SftpServer;
import org.rostersync.tenant.AllowedNetwork;
import org.rostersync.tenant.AuthorizedKey;
import org.rostersync.tenant.SftpAccount;
import org.rostersync.tenant.SftpAccountChange;
import org.rostersync.tenant.TenantService;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A source's hosted SFTP account: who logs in, with which password or keys, from where; and what the vendor needs to
 * connect (the port and the host key fingerprints to check on first contact). The password is never returned.
 */
@Controller("/api/sources/{sourceId}/sftp-account")
@ExecuteOn(TaskExecutors.BLOCKING)
class SftpAccountController {

    private final TenantService tenants;
    private final SftpServer server;

    SftpAccountController(TenantService tenants, SftpServer server) {
        this.tenants = tenants;
        this.server = server;
    }

    @Serdeable
    record AccountView(String username, boolean enabled, boolean passwordSet, @Nullable Instant passwordChangedAt,
                       List<AuthorizedKey> authorizedKeys, List<String> allowedNetworks, Instant changedAt, ServerView server) {
    }

    /** What a vendor connects to: the port, and the fingerprints its client shows on first contact. */
    @Serdeable
    record ServerView(int port, List<String> hostKeys) {
    }

    /**
     * A change of the account: fields left out keep their value; {@code authorizedKeys} and {@code allowedNetworks},
     * when given, replace the lists. A field the account does not have is refused rather than ignored.
     */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record AccountChange(@Nullable String username, @Nullable String password, @Nullable Boolean removePassword,
                         @Nullable Boolean enabled, @Nullable List<String> authorizedKeys, @Nullable List<String> allowedNetworks) {
    }

    @Get
    AccountView account(UUID sourceId) {
        return view(tenants.sftpAccount(sourceId).orElseThrow(() -> new NotFoundException("source", sourceId)));
    }

    @Put
    AccountView change(UUID sourceId, @Body AccountChange body, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        SftpAccountChange change = new SftpAccountChange(body.username(), body.password(), Boolean.TRUE.equals(body.removePassword()),
                body.enabled(), body.authorizedKeys(), body.allowedNetworks());
        return view(tenants.changeSftpAccount(sourceId, change, caller.actor()).orElseThrow(() -> new NotFoundException("source", sourceId)));
    }

    private AccountView view(SftpAccount account) {
        return new AccountView(account.username(), account.enabled(), account.passwordSet(), account.passwordChangedAt(),
                account.authorizedKeys(), account.allowedNetworks().stream().map(AllowedNetwork::toString).toList(),
                account.changedAt(), new ServerView(server.port(), server.hostKeys()));
    }
}
