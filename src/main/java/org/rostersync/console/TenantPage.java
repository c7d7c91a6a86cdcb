package org.rostersync.console;

import io.micronaut.core.annotation.Nullable;
import org.rostersync.report.ApiRead;
import org.rostersync.tenant.ApiClient;
import org.rostersync.tenant.NewApiClient;
import org.rostersync.tenant.Source;
import org.rostersync.tenant.Tenant;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A tenant: its sources and API clients with a form to add each, and the latest reads of its OneRoster API.
 *
 * @param reads       the latest API reads, newest first, of {@code readsClient} or of every client
 * @param readsClient the client the reads are filtered to; null for every client
 * @param sourceForm  the add-a-source form as it came back after a refusal, else empty
 * @param clientForm  the add-an-API-client form as it came back after a refusal, else empty
 * @param created     the client just made, whose secret this page shows the only time it is ever shown; else null
 */
public record TenantPage(Frame frame, Tenant tenant, List<Source> sources, List<ApiClient> clients, List<ApiRead> reads,
                         @Nullable String readsClient, FormState sourceForm, FormState clientForm, @Nullable NewApiClient created,
                         OneRosterEndpoints endpoints, @Nullable String notice, SettingChanges changes) {

    /** Times in UTC: the reads of a tenant's clients come from everywhere, and a source's time zone is not the tenant's. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    public TenantPage {
        sources = List.copyOf(sources);
        clients = List.copyOf(clients);
        reads = List.copyOf(reads);
    }

    public List<String> scopes() {
        return ApiClient.SCOPES;
    }

    public String scopeField(String scope) {
        return NewApiClientForm.scopeField(scope);
    }

    /** A scope as people say it: {@code roster-core.readonly}. */
    public String scopeName(String scope) {
        return scope.startsWith(ApiClient.SCOPE_PREFIX) ? scope.substring(ApiClient.SCOPE_PREFIX.length()) : scope;
    }

    public String sourceField(Source source) {
        return NewApiClientForm.SOURCE_FIELD + source.id();
    }

    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    /** What a client may read: the whole tenant, or the sources and schools it is confined to. */
    public String reach(ApiClient client) {
        if (client.sourceIds().isEmpty() && client.schoolSourcedIds().isEmpty()) {
            return "the whole tenant";
        }
        List<String> parts = new ArrayList<>();
        if (!client.sourceIds().isEmpty()) {
            parts.add("sources " + String.join(", ", sources.stream().filter(s -> client.sourceIds().contains(s.id()))
                    .map(Source::name).toList()));
        }
        if (!client.schoolSourcedIds().isEmpty()) {
            parts.add("schools " + String.join(", ", client.schoolSourcedIds()));
        }
        return String.join("; ", parts);
    }

    /** A read's client by its name when it has one (a revoked client's reads keep only its id). */
    public String clientName(String clientId) {
        return clients.stream().filter(c -> c.clientId().equals(clientId) && !c.name().isBlank()).map(ApiClient::name)
                .findFirst().orElse("");
    }

    /** The clients the reads can be filtered to: the current ones, and a revoked one when it is the filter. */
    public List<String> filterClients() {
        List<String> ids = new ArrayList<>(clients.stream().map(ApiClient::clientId).toList());
        if (readsClient != null && !ids.contains(readsClient)) {
            ids.add(readsClient);
        }
        return ids;
    }
}
