package org.rostersync.api.oneroster;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.oneroster.RosterFile;
import org.rostersync.roster.Query;
import org.rostersync.roster.RosterQuery;
import org.rostersync.roster.Scope;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two tenants: A with two sources (the minimal sample, and the same sample with every sourcedId prefixed "b" and a
 * metadata column on orgs), B with the sample prefixed "x". A's client never reads B's records, whatever it sends.
 */
@ExtendWith(RunningApp.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OneRosterIsolationTest {

    static final Pattern IDS = Pattern.compile("\\b(org|as|crs|cls|stu|tch|par|enr)-");
    /** A sourcedId (or an id inside one) of tenant B. */
    private static final Pattern OF_B = Pattern.compile("\"x(org|as|crs|cls|stu|tch|par|enr)-");

    private Fixture a;
    private Fixture b;
    private Fixture aSecondSource;

    static final List<String> PATHS = List.of("/academicSessions", "/gradingPeriods", "/terms", "/classes", "/courses",
            "/demographics", "/enrollments", "/orgs", "/schools", "/students", "/teachers", "/users",
            "/classes/cls-muir-sci7-3/students", "/classes/cls-muir-sci7-3/teachers", "/courses/crs-muir-math7/classes",
            "/schools/org-sch-muir/courses", "/schools/org-sch-muir/classes", "/schools/org-sch-muir/enrollments",
            "/schools/org-sch-muir/terms", "/schools/org-sch-muir/students", "/schools/org-sch-muir/teachers",
            "/schools/org-sch-muir/classes/cls-muir-sci7-3/enrollments", "/schools/org-sch-muir/classes/cls-muir-sci7-3/students",
            "/schools/org-sch-muir/classes/cls-muir-sci7-3/teachers", "/students/stu-001/classes", "/teachers/tch-006/classes",
            "/users/stu-001/classes", "/orgs/org-district", "/users/stu-001", "/demographics/stu-001");

    @BeforeAll
    void importTwoTenants(RunningApp.App app) {
        a = Fixture.create(app, "Tenant A");
        a.deliver(Fixture.SAMPLE);
        assertEquals("succeeded", a.run().get("status"));
        aSecondSource = secondSource(app, a);
        deliverPrefixed(aSecondSource, "b", true);
        Map<String, Object> run = aSecondSource.run();
        assertEquals("succeeded", run.get("status"), app.adminGet("/api/runs/" + run.get("id") + "/issues").body());
        b = Fixture.create(app, "Tenant B");
        deliverPrefixed(b, "x", false);
        assertEquals("succeeded", b.run().get("status"));
    }

    @Test
    void everyEndpointOfTenantAShowsBothItsSourcesAndNothingOfTenantB() {
        for (String path : PATHS) {
            RunningApp.Response r = a.oneRoster(path + (path.matches(".*/(org|stu)-[a-z0-9-]+$") ? "" : "?limit=1000"));
            assertEquals(200, r.status(), path + " " + r);
            assertFalse(OF_B.matcher(r.body()).find(), path + " shows tenant B: " + r.body());
        }
        assertEquals("100", a.oneRoster("/users").header("X-Total-Count"), "50 users in each of A's sources");
        assertEquals("40", b.oneRoster("/students").header("X-Total-Count"));
        assertEquals(404, b.oneRoster("/users/stu-001").status(), "B cannot read A's record by id");
        assertEquals(404, b.oneRoster("/schools/org-sch-muir/students").status());
        assertEquals("0", b.oneRoster("/users?filter=" + OneRosterQueriesTest.encode("sourcedId='stu-001'")).header("X-Total-Count"));
    }

    @Test
    void metadataKeysCanBeFiltered() {
        RunningApp.Response r = a.oneRoster("/orgs?filter=" + OneRosterQueriesTest.encode("metadata.campus='north'"));
        assertEquals(200, r.status(), r.toString());
        assertEquals(List.of("borg-sch-lincoln"), ((List<?>) r.map().get("orgs")).stream()
                .map(o -> ((Map<?, ?>) o).get("sourcedId")).toList());
        Map<?, ?> org = (Map<?, ?>) ((List<?>) r.map().get("orgs")).get(0);
        assertEquals(Map.of("campus", "north"), org.get("metadata"));
        assertEquals("0", a.oneRoster("/orgs?filter=" + OneRosterQueriesTest.encode("metadata.nothing='north'")).header("X-Total-Count"));
    }

    /** Arbitrary filters (fields of the allow-list and not, every operator, hostile values) answer 200 or 400, never B's rows. */
    @Test
    void arbitraryFiltersAnswer200Or400AndNeverAnotherTenantsRows() {
        Arbitrary<String> fields = Arbitraries.of("sourcedId", "familyName", "givenName", "role", "orgs.sourcedId", "grades",
                "dateLastModified", "status", "enabledUser", "metadata.campus", "parent.sourcedId", "school.sourcedId", "tenant_id",
                "source_id", "1", "password", "familyName;", "sourced_id");
        Arbitrary<String> ops = Arbitraries.of("=", "!=", ">", ">=", "<", "<=", "~", "==", " = ", "");
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withChars("'\\%_;-\"éü😀\u0000 ").ofMaxLength(20),
                Arbitraries.of("x' OR '1'='1", "'; DROP TABLE roster_user; --", "\\", "2024-01-01", "2024-01-01T00:00:00Z", "true",
                        "stu-001", "xstu-001", "' OR tenant_id IS NOT NULL OR '", "%", "_", "a".repeat(1500)));
        Arbitrary<String> predicate = Combinators.combine(fields, ops, values).as((f, o, v) -> f + o + "'" + v.replace("'", "''") + "'");
        // well-formed predicates on fields users have, so that many filters reach the database and answer 200
        Arbitrary<String> wellFormed = Combinators.combine(
                Arbitraries.of("sourcedId", "familyName", "givenName", "role", "orgs.sourcedId", "grades", "status", "metadata.campus"),
                Arbitraries.of("=", "!=", "~"), values).as((f, o, v) -> f + o + "'" + v.replace("'", "''") + "'");
        Arbitrary<String> filters = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, wellFormed),
                net.jqwik.api.Tuple.of(2, predicate),
                net.jqwik.api.Tuple.of(2, Combinators.combine(Arbitraries.oneOf(wellFormed, predicate),
                        Arbitraries.of(" AND ", " OR ", " and ", "  OR "), Arbitraries.oneOf(wellFormed, predicate)).as((p, j, q) -> p + j + q)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(80)));
        List<String> paths = List.of("/users", "/students", "/schools/org-sch-muir/students", "/classes/cls-muir-sci7-3/students");
        java.util.Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        filters.sampleStream().limit(400).forEach(filter -> {
            String path = paths.get(Math.floorMod(filter.hashCode(), paths.size())) + "?limit=1000&filter="
                    + OneRosterQueriesTest.encode(filter);
            RunningApp.Response r = a.oneRoster(path);
            statuses.merge(r.status(), 1, Integer::sum);
            assertTrue(r.status() == 200 || r.status() == 400, filter + " → " + r);
            assertFalse(OF_B.matcher(r.body()).find(), filter + " shows tenant B: " + r.body());
            if (r.status() == 400) {
                Map<?, ?> info = (Map<?, ?>) ((List<?>) r.map().get("statusInfoSet")).get(0);
                assertTrue(List.of("invalid data", "invalid_filter_field").contains(info.get("imsx_codeMinor")), r.body());
            }
        });
        assertTrue(statuses.getOrDefault(200, 0) > 100 && statuses.getOrDefault(400, 0) > 40, "both answers are exercised: " + statuses);
    }

    @Test
    void aScopeOfOneSourceReadsOnlyThatSourcesRows(RunningApp.App app) throws Exception {
        RosterQuery roster = app.context().getBean(RosterQuery.class);
        for (RosterFile file : RosterFile.values()) {
            List<String> first = ids(roster, new Scope(a.tenantId(), Set.of(a.sourceId()), Set.of()), file);
            List<String> second = ids(roster, new Scope(a.tenantId(), Set.of(aSecondSource.sourceId()), Set.of()), file);
            assertFalse(first.isEmpty(), file.toString());
            assertEquals(first.size(), second.size(), file.toString());
            assertTrue(first.stream().noneMatch(id -> id.startsWith("b")), file + " " + first);
            assertTrue(second.stream().allMatch(id -> id.startsWith("b")), file + " " + second);
            assertEquals(first.size() * 2, ids(roster, Scope.wholeTenant(a.tenantId()), file).size(), file.toString());
        }
    }

    @Test
    void aScopeOfOneSchoolReadsOnlyThatSchoolsRecords(RunningApp.App app) throws Exception {
        RosterQuery roster = app.context().getBean(RosterQuery.class);
        Scope muir = new Scope(a.tenantId(), Set.of(), Set.of("org-sch-muir"));
        assertEquals(List.of("org-sch-muir"), ids(roster, muir, RosterFile.ORGS));
        assertEquals(List.of("crs-muir-math7", "crs-muir-sci7"), ids(roster, muir, RosterFile.COURSES));
        assertEquals(List.of("cls-muir-math7-1", "cls-muir-sci7-3"), ids(roster, muir, RosterFile.CLASSES));
        assertEquals(31, ids(roster, muir, RosterFile.ENROLLMENTS).size());
        assertTrue(ids(roster, muir, RosterFile.ENROLLMENTS).stream().allMatch(id -> id.startsWith("enr-muir-")));
        List<String> users = ids(roster, muir, RosterFile.USERS);
        assertEquals(14 + 3 + 1, users.size(), "14 students, 3 teachers (one also at Poly), a parent: " + users);
        List<String> demographics = ids(roster, muir, RosterFile.DEMOGRAPHICS);
        assertTrue(!demographics.isEmpty() && users.containsAll(demographics), demographics.toString());
        assertEquals(6, ids(roster, muir, RosterFile.ACADEMIC_SESSIONS).size(), "sessions belong to no school: both sources'");
        Scope muirOfSecondSource = new Scope(a.tenantId(), Set.of(aSecondSource.sourceId()), Set.of("org-sch-muir"));
        assertEquals(List.of(), ids(roster, muirOfSecondSource, RosterFile.USERS), "the second source's Muir is borg-sch-muir");
        assertEquals(List.of("org-sch-muir"), roster.read(a.tenantId(), reader -> reader.children(muir, RosterFile.ORGS,
                        List.of("org-district"))).get("org-district"),
                "a district's children are only the visible schools");
    }

    private static List<String> ids(RosterQuery roster, Scope scope, RosterFile file) throws Exception {
        return roster.read(scope.tenantId(), reader -> reader.page(scope, new Query(file, List.of(), null, null, 10_000, 0))).records().stream()
                .map(r -> (String) r.get("sourcedId")).toList();
    }

    /** A second source of the fixture's tenant, with its own SFTP account. */
    static Fixture secondSource(RunningApp.App app, Fixture f) {
        String user = "sis-" + UUID.randomUUID().toString().substring(0, 8);
        RunningApp.Response source = app.adminPost("/api/tenants/" + f.tenantId() + "/sources",
                "{\"name\":\"Second SIS\",\"sftp\":{\"username\":\"" + user + "\",\"password\":\"pw-" + UUID.randomUUID() + "\"}}");
        assertEquals(201, source.status(), source.toString());
        return new Fixture(app, f.tenantId(), UUID.fromString((String) source.map().get("id")), user, "", f.clientId(), f.clientSecret());
    }

    /** The minimal sample with every sourcedId prefixed; with {@code metadata}, orgs carry a metadata.campus column. */
    static void deliverPrefixed(Fixture f, String prefix, boolean metadata) {
        try (Stream<Path> files = Files.list(Fixture.SAMPLE)) {
            for (Path file : files.toList()) {
                String text = IDS.matcher(Files.readString(file)).replaceAll(prefix + "$1-");
                if (metadata && file.getFileName().toString().equals("orgs.csv")) {
                    StringBuilder orgs = new StringBuilder();
                    for (String line : text.split("\r?\n")) {
                        String campus = line.startsWith("sourcedId,") ? "metadata.campus" : line.startsWith(prefix + "org-sch-lincoln,") ? "north" : "";
                        orgs.append(line).append(',').append(campus).append("\r\n");
                    }
                    text = orgs.toString();
                }
                f.deliver(file.getFileName().toString(), text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
