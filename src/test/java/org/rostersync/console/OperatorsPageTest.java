package org.rostersync.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.Console;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Admins manage operators in the console; tenant operators cannot. */
@ExtendWith(RunningApp.class)
class OperatorsPageTest {

    private static final String PASSWORD = "a long enough password";

    @Test
    void anAdminAddsATenantOperatorWhoThenSignsInAndIsRemovedAgain(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Operators page district");
        Console admin = Console.signedInAsNewOperator(app, "page-admin", PASSWORD, null);
        Console.Page page = admin.get("/console/operators");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("data-operator=\"page-admin\""), page.body());

        Console.Page refused = admin.post("/console/operators", Map.of("_csrf", page.csrf(), "username", "new-staff",
                "password", "short", "role", "tenant_operator", "tenantId", f.tenantId().toString()));
        assertEquals(400, refused.status());
        assertTrue(refused.body().contains("id=\"error-password\""), "the error sits next to the password field");
        assertTrue(refused.body().contains("value=\"new-staff\""), "what was typed is kept");

        Console.Page added = admin.post("/console/operators", Map.of("_csrf", page.csrf(), "username", "new-staff",
                "password", PASSWORD, "role", "tenant_operator", "tenantId", f.tenantId().toString()));
        assertEquals(303, added.status(), added.body());
        List<Map<String, Object>> listed = app.adminGet("/api/operators").list();
        assertTrue(listed.stream().anyMatch(o -> "new-staff".equals(o.get("username")) && f.tenantId().toString().equals(o.get("tenantId"))),
                listed.toString());
        for (Map<String, Object> operator : listed) {
            assertTrue(List.of("username", "role", "tenantId", "lockedUntil").containsAll(operator.keySet()), "no more than these: " + operator);
            assertTrue(operator.keySet().containsAll(List.of("username", "role")), operator.toString());
        }

        Console staff = new Console(app);
        assertEquals(303, staff.signIn("new-staff", PASSWORD).status());
        assertEquals(404, staff.get("/console/operators").status(), "a tenant operator does not manage operators");
        assertEquals(404, staff.post("/console/operators", Map.of("_csrf", staff.get("/console").csrf(), "username", "sneaky",
                "password", PASSWORD, "role", "admin")).status());
        assertFalse(staff.get("/console").body().contains("href=\"/console/operators\""), "nor is it offered the page");

        Console.Page removed = admin.post("/console/operators/new-staff/delete", Map.of("_csrf", page.csrf()));
        assertEquals(303, removed.status());
        assertEquals(303, staff.get("/console").status(), "the removed operator's session ended with it");
        assertEquals(400, admin.post("/console/operators/admin/delete", Map.of("_csrf", page.csrf())).status(), "admin stays");
    }
}
