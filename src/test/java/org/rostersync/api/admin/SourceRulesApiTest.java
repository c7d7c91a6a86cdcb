package org.rostersync.api.admin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.pipeline.SourceRules;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;
import org.rostersync.tenant.Requirement;
import org.rostersync.tenant.SchoolMapping;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /api/sources/{id}/rules}: the source's settings that change a run's issues, as the document validate reads. */
@ExtendWith(RunningApp.class)
class SourceRulesApiTest {

    @Test
    void rulesCarryTheSourcesOwnSettingsAndReadBackAsValidateReadsThem(RunningApp.App app) {
        Fixture riverside = Fixture.create(app, "Rules Riverside");
        Fixture lakeside = Fixture.create(app, "Rules Lakeside");
        String source = "/api/sources/" + riverside.sourceId();
        assertEquals(200, app.adminPut(source + "/data-requirements", "{\"users\":{\"email\":\"skip\"}}").status());
        assertEquals(200, app.adminPut(source + "/attribute-mapping", "{\"users\":{\"identifier\":\"metadata.studentNumber\"}}").status());
        assertEquals(200, app.adminPut(source + "/school-mapping", "{\"mode\":\"explicit\",\"schools\":["
                + "{\"sourcedId\":\"org-sch-lincoln\",\"included\":true},{\"sourcedId\":\"org-sch-poly\",\"included\":false}]}").status());
        assertEquals(200, app.adminPut(source + "/safeguards", "{\"maxDeletedPercent\":5,\"maxChangedPercent\":50,\"neverDelete\":true}")
                .status());

        RunningApp.Response r = app.adminGet(source + "/rules");
        assertEquals(200, r.status(), r.toString());
        assertTrue(r.header("Content-Type").startsWith("application/json"), r.header("Content-Type"));
        assertEquals(1, ((Number) r.map().get("version")).intValue());
        assertEquals(Map.of("users", Map.of("email", "skip")), r.map().get("dataRequirements"));

        SourceRules rules = SourceRules.parse(r.body().getBytes(StandardCharsets.UTF_8));
        assertEquals(riverside.sourceId(), rules.sourceId());
        assertEquals("Rules Riverside SIS", rules.sourceName());
        assertEquals("rules-riverside-sis-rules.json", rules.fileName());
        assertEquals(Requirement.skip, rules.settings().dataRequirements().rule("users", "email"));
        assertEquals(Map.of("identifier", "metadata.studentNumber"), rules.settings().attributeMapping().of("users"));
        assertEquals(SchoolMapping.Mode.explicit, rules.settings().schoolMapping().mode());
        assertEquals(List.of("org-sch-lincoln:true", "org-sch-poly:false"), rules.settings().schoolMapping().schools().stream()
                .map(s -> s.sourcedId() + ":" + s.included()).toList());
        assertTrue(rules.settings().safeguards().neverDelete());
        assertEquals(5, rules.settings().safeguards().maxDeletedPercent());

        SourceRules other = SourceRules.parse(app.adminGet("/api/sources/" + lakeside.sourceId() + "/rules").body()
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(lakeside.sourceId(), other.sourceId(), "another tenant's source has rules of its own");
        assertNull(other.settings().dataRequirements().rule("users", "email"));
        assertFalse(other.settings().safeguards().neverDelete());
        assertEquals(SchoolMapping.Mode.auto, other.settings().schoolMapping().mode());
    }

    @Test
    void rulesOfASourceThatDoesNotExistAre404AndABadIdIs400NamingIt(RunningApp.App app) {
        UUID nobody = UUID.randomUUID();
        RunningApp.Response missing = app.adminGet("/api/sources/" + nobody + "/rules");
        assertEquals(404, missing.status(), missing.toString());
        assertTrue(((String) missing.map().get("message")).contains("source " + nobody + " not found"), missing.toString());

        RunningApp.Response bad = app.adminGet("/api/sources/not-a-uuid/rules");
        assertEquals(400, bad.status(), bad.toString());
        assertEquals("sourceId", bad.map().get("field"));

        RunningApp.Response anonymous = app.get("/api/sources/" + nobody + "/rules", null, null);
        assertEquals(401, anonymous.status(), "the admin API's credentials are required: " + anonymous);
    }
}
