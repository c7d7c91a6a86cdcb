package org.rostersync.console;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import org.rostersync.config.MailConfig;
import org.rostersync.report.ApiReadStore;
import org.rostersync.tenant.NewApiClient;
import org.rostersync.tenant.Tenant;
import org.rostersync.tenant.TenantService;


/** Renders a tenant's page, for its own controller and for the forms on it that answer with the page. */
@Singleton
class TenantPages {

    /** As many reads as the admin API answers by default. */
    static final int READS_SHOWN = 100;

    private final TenantService tenants;
    private final ApiReadStore reads;
    private final MailConfig config;
    private final Pages pages;
    private final org.rostersync.tenant.SettingsAudit audit;

    TenantPages(TenantService tenants, ApiReadStore reads, MailConfig config, Pages pages, org.rostersync.tenant.SettingsAudit audit) {
        this.tenants = tenants;
        this.reads = reads;
        this.config = config;
        this.pages = pages;
        this.audit = audit;
    }

    /** The page as it is stored, its forms empty. */
    HttpResponse<String> shown(Session session, Tenant tenant, String readsClient, String notice) {
        return render(session, tenant, HttpStatus.OK, readsClient, FormState.STORED, FormState.STORED, null, notice);
    }

    HttpResponse<String> render(Session session, Tenant tenant, HttpStatus status, String readsClient, FormState sourceForm,
                                FormState clientForm, NewApiClient created, String notice) {
        String client = readsClient == null || readsClient.isBlank() ? null : readsClient.strip();
        return pages.render(status, "console/tenant.jte", new TenantPage(Frame.of(tenant.name(), session), tenant,
                tenants.sources(tenant.id()), tenants.apiClients(tenant.id()), reads.find(tenant.id(), client, null, null, READS_SHOWN),
                client, sourceForm, clientForm, created, OneRosterEndpoints.of(config), notice,
                SettingChanges.of(audit.forTenant(tenant.id(), SettingChangesController.RECENT + 1, null), SettingChangesController.RECENT,
                        true, "/console/tenants/" + tenant.id() + "/changes")));
    }
}
