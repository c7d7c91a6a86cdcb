package org.rostersync.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Roster attributes filled from other columns of the delivery, metadata.* included, before validation. */
@ExtendWith(RunningApp.class)
class AttributeMappingTest {

    private static final String MANIFEST = "propertyName,value\nmanifest.version,1.0\noneroster.version,1.1\nfile.orgs,bulk\nfile.users,bulk\n";
    private static final String ORGS = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\ns1,,,School One,school,,\n";
    private static final String USERS = "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,givenName,familyName,"
            + "identifier,email,metadata.studentNumber\n"
            + "u1,,,true,s1,student,,Ann,Lee,SIS-1,ann@example.org,100001\n";

    @Test
    void mappedAttributesAreReadFromTheirColumnsAndValidatedThere(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Attribute mapping").withoutSafeguards();
        String path = "/api/sources/" + f.sourceId() + "/attribute-mapping";
        assertEquals(Map.of("attribute", "identifier", "column", "identifier", "mapped", false), attribute(app.adminGet(path), "users", "identifier"));
        RunningApp.Response put = app.adminPut(path, "{\"users\":{\"identifier\":\"metadata.studentNumber\",\"username\":\"email\"}}");
        assertEquals(200, put.status(), put.toString());
        assertEquals(Map.of("attribute", "identifier", "column", "metadata.studentNumber", "mapped", true), attribute(put, "users", "identifier"));

        f.deliver("manifest.csv", MANIFEST);
        f.deliver("orgs.csv", ORGS);
        f.deliver("users.csv", USERS);
        Map<String, Object> run = f.run();
        assertEquals(0, ((Number) PipelineTest.file(run, "users.csv").get("errors")).intValue(),
                "username is blank in its own column but read from email: " + PipelineTest.issues(app, run));
        Map<?, ?> user = (Map<?, ?>) f.oneRoster("/users/u1").map().get("user");
        assertEquals("100001", user.get("identifier"));
        assertEquals("ann@example.org", user.get("username"));
        assertEquals("100001", ((Map<?, ?>) user.get("metadata")).get("studentNumber"), "the metadata column is still served");

        f.deliver("users.csv", USERS.replace(",metadata.studentNumber", ",metadata.localId"));
        Map<String, Object> missing = f.run();
        List<Map<String, Object>> issues = PipelineTest.issues(app, missing);
        assertTrue(issues.stream().anyMatch(i -> "schema.mapped_column_missing".equals(i.get("code"))
                && ((String) i.get("message")).contains("reads users.identifier from column 'metadata.studentNumber'")), issues.toString());
        assertEquals("SIS-1", ((Map<?, ?>) f.oneRoster("/users/u1").map().get("user")).get("identifier"), "read from its own column instead");
    }

    @Test
    void aMappingIsCheckedAttributeByAttribute(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Attribute mapping checks");
        String path = "/api/sources/" + f.sourceId() + "/attribute-mapping";
        assertBadRequest(app.adminPut(path, "{\"users\":{\"sourcedId\":\"metadata.uuid\"}}"), "users.sourcedId");
        assertBadRequest(app.adminPut(path, "{\"users\":{\"nickname\":\"givenName\"}}"), "users.nickname");
        assertBadRequest(app.adminPut(path, "{\"users\":{\"identifier\":\" \"}}"), "users.identifier");
        assertBadRequest(app.adminPut(path, "{\"pupils\":{\"identifier\":\"x\"}}"), "pupils");
        assertEquals(false, attribute(app.adminGet(path), "users", "identifier").get("mapped"), "nothing was saved");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> attribute(RunningApp.Response r, String entity, String attribute) {
        for (Map<String, Object> e : (List<Map<String, Object>>) r.map().get("entities")) {
            if (entity.equals(e.get("entity"))) {
                for (Map<String, Object> a : (List<Map<String, Object>>) e.get("attributes")) {
                    if (attribute.equals(a.get("attribute"))) {
                        return a;
                    }
                }
            }
        }
        throw new AssertionError(entity + "." + attribute + " not in " + r);
    }

    private static void assertBadRequest(RunningApp.Response r, String field) {
        assertEquals(400, r.status(), r.toString());
        assertEquals(field, r.map().get("field"), r.toString());
    }
}
