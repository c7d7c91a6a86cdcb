package org.rostersync.api.docs;

import io.micronaut.web.router.Router;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.RunningApp;
import org.yaml.snakeyaml.Yaml;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OpenAPI documents are served, parse, and cannot drift from the routes the service has. */
@ExtendWith(RunningApp.class)
class OpenApiDocumentsTest {

    /** The rostering calls of the OneRoster 1.1 REST binding (reference, section 5.1), under /ims/oneroster/v1p1. */
    private static final Set<String> ONEROSTER_CALLS = Set.of(
            "/academicSessions", "/academicSessions/{id}",
            "/classes", "/classes/{id}", "/classes/{class_id}/students", "/classes/{class_id}/teachers",
            "/courses", "/courses/{id}", "/courses/{course_id}/classes",
            "/demographics", "/demographics/{id}",
            "/enrollments", "/enrollments/{id}",
            "/gradingPeriods", "/gradingPeriods/{id}",
            "/orgs", "/orgs/{id}",
            "/schools", "/schools/{id}", "/schools/{school_id}/courses", "/schools/{school_id}/classes",
            "/schools/{school_id}/enrollments", "/schools/{school_id}/classes/{class_id}/enrollments",
            "/schools/{school_id}/classes/{class_id}/students", "/schools/{school_id}/classes/{class_id}/teachers",
            "/schools/{school_id}/students", "/schools/{school_id}/teachers", "/schools/{school_id}/terms",
            "/students", "/students/{id}", "/students/{id}/classes",
            "/teachers", "/teachers/{id}", "/teachers/{id}/classes",
            "/terms", "/terms/{id}", "/terms/{id}/classes", "/terms/{id}/gradingPeriods",
            "/users", "/users/{id}", "/users/{id}/classes");

    private static final String BASE = "/ims/oneroster/v1p1";

    @Test
    void theListingNamesBothDocumentsAndTheUi(RunningApp.App app) {
        RunningApp.Response r = app.get("/openapi", null, null);
        assertEquals(200, r.status(), r.toString());
        List<?> documents = (List<?>) r.map().get("documents");
        assertEquals(List.of("/openapi/oneroster.yml", "/openapi/admin.yml"),
                documents.stream().map(d -> ((Map<?, ?>) d).get("url")).toList());
        assertEquals("/openapi/ui/", r.map().get("ui"));
        assertEquals(404, app.get("/openapi/other.yml", null, null).status());
    }

    @Test
    void theOneRosterDocumentListsEveryRosteringCallOfTheReferenceAsAGet(RunningApp.App app) {
        Map<String, Object> doc = document(app, "oneroster");
        assertEquals("3.0.3", doc.get("openapi"));
        assertEquals(BASE, ((Map<?, ?>) ((List<?>) doc.get("servers")).get(0)).get("url"));
        Map<String, Map<String, Object>> paths = paths(doc);
        assertEquals(new TreeSet<>(ONEROSTER_CALLS), new TreeSet<>(paths.keySet()));
        for (var path : paths.entrySet()) {
            assertEquals(Set.of("get"), path.getValue().keySet(), path.getKey() + ": reads only");
            Map<?, ?> get = (Map<?, ?>) path.getValue().get("get");
            Set<String> parameters = ((List<?>) get.get("parameters")).stream()
                    .map(p -> (String) ((Map<?, ?>) p).get("$ref")).map(ref -> ref.substring(ref.lastIndexOf('/') + 1))
                    .collect(Collectors.toSet());
            boolean collection = ((Map<?, ?>) ((Map<?, ?>) get.get("responses")).get("200")).containsKey("headers");
            if (collection) {
                assertTrue(parameters.containsAll(Set.of("limit", "offset", "sort", "orderBy", "filter", "fields")), path.getKey());
            }
            assertTrue(((Map<?, ?>) get.get("responses")).containsKey("429"), path.getKey() + " documents the rate limit");
        }
        Map<?, ?> schemes = (Map<?, ?>) ((Map<?, ?>) doc.get("components")).get("securitySchemes");
        assertEquals(Set.of("oauth2", "basic", "oauth1"), schemes.keySet());
        Map<?, ?> clientCredentials = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) schemes.get("oauth2")).get("flows")).get("clientCredentials");
        assertEquals("/oauth/token", clientCredentials.get("tokenUrl"));
        assertEquals(Set.of("https://purl.imsglobal.org/spec/or/v1p1/scope/roster-core.readonly",
                "https://purl.imsglobal.org/spec/or/v1p1/scope/roster.readonly",
                "https://purl.imsglobal.org/spec/or/v1p1/scope/roster-demographics.readonly"),
                ((Map<?, ?>) clientCredentials.get("scopes")).keySet());
        assertEveryReferenceResolves(doc, doc);
    }

    @Test
    void everyOneRosterRouteOfTheServiceIsInItsDocument(RunningApp.App app) {
        // the document names path parameters as the spec does (class_id), the routes more briefly (id): compare the shapes
        Set<String> documented = paths(document(app, "oneroster")).keySet().stream().map(p -> "GET " + BASE + p)
                .map(OpenApiDocumentsTest::shape).collect(Collectors.toSet());
        Set<String> missing = new TreeSet<>(routes(app, "/ims/"));
        missing.removeIf(route -> documented.contains(shape(route)));
        assertEquals(Set.of(), missing, "routes of the OneRoster API missing from schemas/openapi/oneroster.yml");
    }

    @Test
    void theAdminDocumentListsExactlyTheAdminRoutes(RunningApp.App app) {
        Map<String, Object> doc = document(app, "admin");
        Set<String> documented = new TreeSet<>();
        paths(doc).forEach((path, methods) -> methods.keySet().forEach(m -> documented.add(m.toUpperCase() + " " + path)));
        assertEquals(routes(app, "/api/"), documented, "schemas/openapi/admin.yml and the admin controllers' routes");
        assertEveryReferenceResolves(doc, doc);
    }

    /** "GET /api/tenants/{tenantId}" for each route under the prefix (not the HEAD routes Micronaut adds to each GET). */
    private static Set<String> routes(RunningApp.App app, String prefix) {
        return app.context().getBean(Router.class).uriRoutes()
                .filter(route -> !route.getHttpMethodName().equals("HEAD"))
                .map(route -> route.getHttpMethodName() + " " + route.getUriMatchTemplate().toPathString())
                .filter(route -> route.substring(route.indexOf(' ') + 1).startsWith(prefix))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, Object> document(RunningApp.App app, String name) {
        RunningApp.Response r = app.get("/openapi/" + name + ".yml", null, null);
        assertEquals(200, r.status(), r.toString());
        assertTrue(r.header("Content-Type").startsWith("application/yaml"), r.header("Content-Type"));
        return new Yaml().load(r.body());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> paths(Map<String, Object> doc) {
        return (Map<String, Map<String, Object>>) doc.get("paths");
    }

    /** Every {@code $ref} names something the document has: a typo would show as an error in Swagger UI. */
    private static void assertEveryReferenceResolves(Object node, Map<String, Object> doc) {
        if (node instanceof Map<?, ?> map) {
            Object ref = map.get("$ref");
            if (ref instanceof String target) {
                Object at = doc;
                for (String part : target.substring(2).split("/")) {
                    at = ((Map<?, ?>) at).get(part);
                    assertTrue(at != null, "unresolved " + target);
                }
            }
            map.values().forEach(v -> assertEveryReferenceResolves(v, doc));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> assertEveryReferenceResolves(v, doc));
        }
    }

    private static String shape(String route) {
        return route.replaceAll("\\{[^}]+}", "{}");
    }
}
