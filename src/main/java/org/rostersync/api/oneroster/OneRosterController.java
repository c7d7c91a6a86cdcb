package org.rostersync.api.oneroster;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.rostersync.oneroster.RosterFile;
import org.rostersync.roster.Page;
import org.rostersync.roster.RosterReader;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Rostering reads of the OneRoster 1.1 REST binding, always within the calling client's tenant. */
@Controller(OneRosterController.BASE)
@ExecuteOn(TaskExecutors.BLOCKING)
@RateLimited
class OneRosterController {

    static final String BASE = "/ims/oneroster/v1p1";

    private final RosterReader roster;
    private final RecordJson json;
    private final HttpHostResolver hosts;
    private final Paging paging;

    OneRosterController(RosterReader roster, RecordJson json, HttpHostResolver hosts, Paging paging) {
        this.roster = roster;
        this.json = json;
        this.hosts = hosts;
        this.paging = paging;
    }

    @Get("/users")
    MutableHttpResponse<?> users(HttpRequest<?> request, @Nullable @QueryValue String limit, @Nullable @QueryValue String offset) throws SQLException {
        return collection(request, RosterFile.USERS, "users", limit, offset);
    }

    @Get("/users/{id}")
    MutableHttpResponse<?> user(HttpRequest<?> request, String id) throws SQLException {
        return single(request, RosterFile.USERS, "user", id);
    }

    @Get("/orgs")
    MutableHttpResponse<?> orgs(HttpRequest<?> request, @Nullable @QueryValue String limit, @Nullable @QueryValue String offset) throws SQLException {
        return collection(request, RosterFile.ORGS, "orgs", limit, offset);
    }

    @Get("/orgs/{id}")
    MutableHttpResponse<?> org(HttpRequest<?> request, String id) throws SQLException {
        return single(request, RosterFile.ORGS, "org", id);
    }

    @Get("/classes")
    MutableHttpResponse<?> classes(HttpRequest<?> request, @Nullable @QueryValue String limit, @Nullable @QueryValue String offset) throws SQLException {
        return collection(request, RosterFile.CLASSES, "classes", limit, offset);
    }

    @Get("/classes/{id}")
    MutableHttpResponse<?> oneClass(HttpRequest<?> request, String id) throws SQLException {
        return single(request, RosterFile.CLASSES, "class", id);
    }

    @Get("/enrollments")
    MutableHttpResponse<?> enrollments(HttpRequest<?> request, @Nullable @QueryValue String limit, @Nullable @QueryValue String offset) throws SQLException {
        return collection(request, RosterFile.ENROLLMENTS, "enrollments", limit, offset);
    }

    @Get("/enrollments/{id}")
    MutableHttpResponse<?> enrollment(HttpRequest<?> request, String id) throws SQLException {
        return single(request, RosterFile.ENROLLMENTS, "enrollment", id);
    }

    private MutableHttpResponse<?> collection(HttpRequest<?> request, RosterFile file, String key,
                                              String limitText, String offsetText) throws SQLException {
        Paging.Window window;
        try {
            window = paging.window(limitText, offsetText);
        } catch (IllegalArgumentException e) {
            return StatusInfo.failure(HttpStatus.BAD_REQUEST, "invalid data", e.getMessage());
        }
        UUID tenant = tenant(request);
        Page page = roster.page(file, tenant, window.limit(), window.offset());
        String base = hosts.resolve(request) + BASE;
        Map<String, List<String>> children = children(file, tenant, page.records());
        List<Map<String, Object>> body = new ArrayList<>(page.records().size());
        for (Map<String, Object> record : page.records()) {
            body.add(json.toJson(file, record, base, children.getOrDefault((String) record.get("sourcedId"), List.of())));
        }
        request.setAttribute(ClientAccess.ROWS_RETURNED, body.size());
        MutableHttpResponse<Map<String, Object>> response = HttpResponse.ok(Map.of(key, body));
        response.header("X-Total-Count", Long.toString(page.total()));
        paging.link(hosts.resolve(request) + request.getPath(), window, page.total()).ifPresent(l -> response.header("Link", l));
        return response;
    }

    private MutableHttpResponse<?> single(HttpRequest<?> request, RosterFile file, String key, String id) throws SQLException {
        UUID tenant = tenant(request);
        Optional<Map<String, Object>> record = roster.find(file, tenant, id);
        if (record.isEmpty()) {
            return StatusInfo.failure(HttpStatus.NOT_FOUND, "unknown object", key + " '" + id + "' does not exist");
        }
        String base = hosts.resolve(request) + BASE;
        List<String> children = children(file, tenant, List.of(record.get())).getOrDefault(id, List.of());
        request.setAttribute(ClientAccess.ROWS_RETURNED, 1);
        return HttpResponse.ok(Map.of(key, json.toJson(file, record.get(), base, children)));
    }

    private Map<String, List<String>> children(RosterFile file, UUID tenant, List<Map<String, Object>> records) throws SQLException {
        if (file != RosterFile.ORGS) {
            return Map.of();
        }
        return roster.childOrgs(tenant, records.stream().map(r -> (String) r.get("sourcedId")).toList());
    }

    private static UUID tenant(HttpRequest<?> request) {
        return request.getAttribute(ClientAccess.ATTRIBUTE, ClientAccess.class).map(ClientAccess::tenantId)
                .orElseThrow(() -> new IllegalStateException("request reached the OneRoster API without a client"));
    }
}
