package org.rostersync.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.rostersync.roster.RecordLookup;
import org.rostersync.schedule.Schedules;
import org.rostersync.tenant.Schedule;
import org.rostersync.tenant.Source;
import org.rostersync.tenant.Tenant;
import org.rostersync.tenant.TenantService;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Finding a tenant's record and reading its page: "why did this student vanish from this class?". A tenant operator
 * searches its own tenant; an admin picks one.
 */
@Controller("/console/records")
@ExecuteOn(TaskExecutors.BLOCKING)
class RecordsController {

    private final RecordLookup records;
    private final TenantService tenants;
    private final TenantAccess access;
    private final Schedules schedules;
    private final Pages pages;

    RecordsController(RecordLookup records, TenantService tenants, TenantAccess access, Schedules schedules, Pages pages) {
        this.records = records;
        this.tenants = tenants;
        this.access = access;
        this.schedules = schedules;
        this.pages = pages;
    }

    @Get
    HttpResponse<?> search(HttpRequest<?> request, @Nullable @QueryValue String tenant, @Nullable @QueryValue String q) {
        Session session = Requests.session(request);
        List<RecordsPage.TenantChoice> choices = tenants.tenants().stream().filter(t -> session.operator().sees(t.id()))
                .map(t -> new RecordsPage.TenantChoice(t.id(), t.name())).toList();
        Optional<UUID> chosen = choices.stream().map(RecordsPage.TenantChoice::id)
                .filter(id -> tenant == null || tenant.isBlank() || id.toString().equals(tenant.strip())).findFirst();
        String query = q == null ? "" : q.strip();
        Frame frame = Frame.of("Find a record", session);
        if (query.isEmpty() || chosen.isEmpty()) {
            String problem = !query.isEmpty() ? "Choose a tenant you can see." : null;
            return pages.render("console/records.jte", new RecordsPage(frame, choices, chosen.orElse(null), query, null, problem));
        }
        List<RecordLookup.Found> found = records.search(chosen.get(), query, 100);
        return pages.render("console/records.jte", new RecordsPage(frame, choices, chosen.get(), query, found, null));
    }

    @Get("/{tenantId}/{entity}")
    HttpResponse<?> record(HttpRequest<?> request, String tenantId, String entity, @Nullable @QueryValue String sourcedId) {
        return access.page(request, tenantId, (session, tenant) -> {
            Optional<RecordLookup.View> view = sourcedId == null || sourcedId.isEmpty() ? Optional.empty()
                    : records.record(tenant.id(), entity, sourcedId);
            if (view.isEmpty()) {
                return access.missing(session, "There is no " + entity + " record " + (sourcedId == null ? "" : sourcedId)
                        + " in " + tenant.name() + ". Search for it by name, email or identifier on Find a record.");
            }
            Map<UUID, Source> sources = tenants.sources(tenant.id()).stream().collect(Collectors.toMap(Source::id, Function.identity()));
            List<RecordPage.Dated> history = view.get().history().stream().map(c -> new RecordPage.Dated(c,
                    Dashboard.when(c.runCreatedAt(), zone(view.get())))).toList();
            return pages.render("console/record.jte", new RecordPage(Frame.of(view.get().file() + " " + sourcedId, session), tenant.id(),
                    tenant.name(), view.get(), sources.values().stream().collect(Collectors.toMap(Source::id, Source::name)), history));
        });
    }

    /** The time zone of the record's source's schedule (UTC without one): runs are read in the district's time. */
    private ZoneId zone(RecordLookup.View view) {
        Optional<UUID> source = view.records().stream().map(RecordLookup.Values::sourceId).findFirst();
        return source.flatMap(schedules::schedule).map(Schedule::timeZone).orElse(ZoneId.of("UTC"));
    }
}
