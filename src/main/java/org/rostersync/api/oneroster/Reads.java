package org.rostersync.api.oneroster;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.util.HttpHostResolver;
import jakarta.inject.Singleton;
import org.rostersync.oneroster.RosterFile;
import org.rostersync.roster.Condition;
import org.rostersync.roster.Constraint;
import org.rostersync.roster.Filter;
import org.rostersync.roster.InvalidQueryException;
import org.rostersync.roster.Page;
import org.rostersync.roster.Query;
import org.rostersync.roster.RosterQuery;
import org.rostersync.roster.RosterReader;
import org.rostersync.roster.Scope;
import org.rostersync.roster.Sort;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The three shapes of a rostering read (a collection, one record, a collection under a parent), for any {@link Kind}:
 * reads limit, offset, filter, sort, orderBy and fields, runs the query within the client's {@link ClientAccess}, and
 * answers the 1.1 envelope with its headers, warnings or imsx status info.
 */
@Singleton
class Reads {

    /** A record a nested path names, which must exist (and be visible) for the path to answer. */
    record Parent(Kind kind, String sourcedId, List<Constraint> constraints) {
        Parent(Kind kind, String sourcedId) {
            this(kind, sourcedId, List.of());
        }
    }

    private final RosterQuery roster;
    private final RecordJson json;
    private final HttpHostResolver hosts;
    private final Paging paging;

    Reads(RosterQuery roster, RecordJson json, HttpHostResolver hosts, Paging paging) {
        this.roster = roster;
        this.json = json;
        this.hosts = hosts;
        this.paging = paging;
    }

    MutableHttpResponse<?> collection(HttpRequest<?> request, Kind kind) {
        return nested(request, kind, List.of());
    }

    MutableHttpResponse<?> nested(HttpRequest<?> request, Kind kind, List<Parent> parents, Constraint... constraints) {
        Scope scope = scope(request);
        List<Map<String, Object>> warnings = new ArrayList<>();
        Paging.Window window;
        Filter filter;
        Optional<List<String>> fields;
        try {
            window = paging.window(parameter(request, "limit"), parameter(request, "offset"));
            String filterText = parameter(request, "filter");
            filter = filterText == null ? null : FilterParser.parse(filterText);
            fields = fields(request, kind.file, warnings);
        } catch (IllegalArgumentException | FilterParser.SyntaxException e) {
            return failure(request, HttpStatus.BAD_REQUEST, "invalid data", e.getMessage());
        } catch (BlankFieldsException e) {
            return failure(request, HttpStatus.BAD_REQUEST, "invalid_blank_selection_field", e.getMessage());
        }
        Sort sort = sort(request, kind.file, warnings);
        List<Constraint> fixed = new ArrayList<>(kind.fixed);
        fixed.addAll(List.of(constraints));
        Query query = new Query(kind.file, fixed, filter, sort, window.limit(), window.offset());
        Found found;
        try {
            found = roster.read(scope.tenantId(), reader -> {
                Optional<MutableHttpResponse<?>> missing = missingParent(request, reader, scope, parents);
                if (missing.isPresent()) {
                    return Found.refused(missing.get());
                }
                Page page = reader.page(scope, query);
                return new Found(page.records(), page.total(), children(reader, scope, kind.file, page.records()), null);
            });
        } catch (InvalidQueryException e) {
            return failure(request, HttpStatus.BAD_REQUEST, e.unknownField() ? "invalid_filter_field" : "invalid data", e.getMessage());
        }
        if (found.refusal() != null) {
            return found.refusal();
        }
        MutableHttpResponse<byte[]> response = ok(json(request, kind.plural, false, kind.file, found, fields, warnings));
        response.header("X-Total-Count", Long.toString(found.total()));
        paging.link(hosts.resolve(request) + request.getPath(), otherParameters(request), window, found.total())
                .ifPresent(l -> response.header("Link", l));
        request.setAttribute(ClientAccess.ROWS_RETURNED, found.records().size());
        return response;
    }

    MutableHttpResponse<?> single(HttpRequest<?> request, Kind kind, String id) {
        Scope scope = scope(request);
        List<Map<String, Object>> warnings = new ArrayList<>();
        Optional<List<String>> fields;
        try {
            fields = fields(request, kind.file, warnings);
        } catch (BlankFieldsException e) {
            return failure(request, HttpStatus.BAD_REQUEST, "invalid_blank_selection_field", e.getMessage());
        }
        Found found;
        try {
            found = roster.read(scope.tenantId(), reader -> {
                Optional<Map<String, Object>> record = find(reader, scope, new Parent(kind, id));
                if (record.isEmpty()) {
                    return Found.refused(failure(request, HttpStatus.NOT_FOUND, "unknown object", kind.noun + " '" + id + "' does not exist"));
                }
                List<Map<String, Object>> records = List.of(record.get());
                return new Found(records, 1, children(reader, scope, kind.file, records), null);
            });
        } catch (InvalidQueryException e) {
            // find answers no record for a query it cannot make: this is never thrown
            throw new IllegalStateException(e);
        }
        if (found.refusal() != null) {
            return found.refusal();
        }
        byte[] body = json(request, kind.singular, true, kind.file, found, fields, warnings);
        request.setAttribute(ClientAccess.ROWS_RETURNED, 1);
        return ok(body);
    }

    /** What a request's roster reads found: records, their total and children, or the answer that refuses it. */
    private record Found(List<Map<String, Object>> records, long total, Map<String, List<String>> children,
                         MutableHttpResponse<?> refusal) {
        static Found refused(MutableHttpResponse<?> refusal) {
            return new Found(List.of(), 0, Map.of(), refusal);
        }
    }

    private static Optional<MutableHttpResponse<?>> missingParent(HttpRequest<?> request, RosterReader reader, Scope scope, List<Parent> parents) {
        for (Parent parent : parents) {
            if (find(reader, scope, parent).isEmpty()) {
                return Optional.of(failure(request, HttpStatus.NOT_FOUND, "unknown object",
                        parent.kind().noun + " '" + parent.sourcedId() + "' does not exist"));
            }
        }
        return Optional.empty();
    }

    private static Optional<Map<String, Object>> find(RosterReader reader, Scope scope, Parent parent) {
        List<Constraint> constraints = new ArrayList<>(parent.kind().fixed);
        constraints.add(Condition.eq("sourcedId", parent.sourcedId()));
        constraints.addAll(parent.constraints());
        try {
            return reader.first(scope, parent.kind().file, constraints);
        } catch (InvalidQueryException e) {
            // the endpoints' own fields are on the allow-list: only an id no record can have (a NUL in it) gets here
            return Optional.empty();
        }
    }

    /** For orgs and academic sessions, whose JSON lists each record's children; nothing for the other files. */
    private static Map<String, List<String>> children(RosterReader reader, Scope scope, RosterFile file,
                                                      List<Map<String, Object>> records) {
        return file == RosterFile.ORGS || file == RosterFile.ACADEMIC_SESSIONS
                ? reader.children(scope, file, records.stream().map(r -> (String) r.get("sourcedId")).distinct().toList())
                : Map.of();
    }

    private byte[] json(HttpRequest<?> request, String key, boolean single, RosterFile file, Found found,
                        Optional<List<String>> fields, List<Map<String, Object>> warnings) {
        String base = hosts.resolve(request) + OneRosterController.BASE;
        return json.write(new RecordJson.Envelope(key, single, file, found.records(), base, found.children(),
                fields.<Set<String>>map(Set::copyOf).orElse(null), warnings));
    }

    private static MutableHttpResponse<byte[]> ok(byte[] json) {
        return HttpResponse.ok(json).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private static final class BlankFieldsException extends Exception {
        BlankFieldsException() {
            super("fields is blank: name at least one field, or leave the parameter out");
        }
    }

    /** The selected keys, or empty for all; unknown names are left out with a warning. */
    private static Optional<List<String>> fields(HttpRequest<?> request, RosterFile file, List<Map<String, Object>> warnings)
            throws BlankFieldsException {
        String text = parameter(request, "fields");
        if (text == null) {
            return Optional.empty();
        }
        List<String> names = java.util.Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (names.isEmpty()) {
            throw new BlankFieldsException();
        }
        List<String> unknown = names.stream().filter(n -> !RecordJson.hasField(file, n)).toList();
        if (!unknown.isEmpty()) {
            warnings.add(StatusInfo.warning("invalid_selection_field", "unknown field(s) left out of the selection: "
                    + String.join(", ", unknown)));
        }
        return Optional.of(names.stream().filter(n -> RecordJson.hasField(file, n)).toList());
    }

    private static Sort sort(HttpRequest<?> request, RosterFile file, List<Map<String, Object>> warnings) {
        String field = parameter(request, "sort");
        String orderBy = parameter(request, "orderBy");
        boolean descending = "desc".equalsIgnoreCase(orderBy);
        if (orderBy != null && !descending && !"asc".equalsIgnoreCase(orderBy)) {
            warnings.add(StatusInfo.warning("invalid_sort_field", "orderBy is asc or desc, not '" + orderBy + "': ascending"));
        }
        if (field == null || field.isEmpty()) {
            return null;
        }
        if (!RosterQuery.sortable(file, field)) {
            warnings.add(StatusInfo.warning("invalid_sort_field", "cannot sort " + file.entity() + " on '" + field
                    + "': records are in sourcedId order"));
            return null;
        }
        return new Sort(field, descending);
    }

    private static String parameter(HttpRequest<?> request, String name) {
        return request.getParameters().get(name);
    }

    /** filter, sort, orderBy and fields as the request had them, for the Link header's URLs. */
    private static String otherParameters(HttpRequest<?> request) {
        return request.getParameters().names().stream()
                .filter(n -> !n.equals("limit") && !n.equals("offset"))
                .sorted()
                .flatMap(n -> request.getParameters().getAll(n).stream().map(v -> encode(n) + "=" + encode(v)))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** An answer without records: the audit trail records no row count for it, as for any refused request. */
    private static MutableHttpResponse<?> failure(HttpRequest<?> request, HttpStatus status, String codeMinor, String description) {
        return StatusInfo.failure(status, codeMinor, description);
    }

    private static Scope scope(HttpRequest<?> request) {
        ClientAccess access = request.getAttribute(ClientAccess.ATTRIBUTE, ClientAccess.class)
                .orElseThrow(() -> new IllegalStateException("request reached the OneRoster API without a client"));
        return new Scope(access.tenantId(), access.sourceIds(), access.schoolSourcedIds());
    }
}
