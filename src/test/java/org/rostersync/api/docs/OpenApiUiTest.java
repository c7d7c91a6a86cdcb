package org.rostersync.api.docs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.RunningApp;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Swagger UI is served from the jar, without credentials, and loads nothing from another host. */
@ExtendWith(RunningApp.class)
class OpenApiUiTest {

    @Test
    void thePageAndEverythingItLoadsAreServedWithTheirTypes(RunningApp.App app) {
        RunningApp.Response page = app.get("/openapi/ui/", null, null);
        assertEquals(200, page.status(), page.toString());
        assertTrue(page.header("Content-Type").startsWith("text/html"), page.header("Content-Type"));
        Matcher m = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page.body());
        Map<String, String> types = Map.of("css", "text/css", "js", "text/javascript", "png", "image/png");
        int loaded = 0;
        while (m.find()) {
            String file = m.group(1);
            assertFalse(file.contains("//"), "a file from another host: " + file);
            assertTrue(file.startsWith("/openapi/ui/"), file);
            RunningApp.Response r = app.get(file, null, null);
            assertEquals(200, r.status(), file);
            String type = types.get(file.substring(file.lastIndexOf('.') + 1));
            assertTrue(r.header("Content-Type").startsWith(type), file + ": " + r.header("Content-Type"));
            assertFalse(r.body().isEmpty(), file);
            loaded++;
        }
        assertEquals(6, loaded, "css, two icons, the bundle, the preset and the start script");
        String start = app.get("/openapi/ui/start.js", null, null).body();
        assertTrue(start.contains("\"/openapi/oneroster.yml\"") && start.contains("\"/openapi/admin.yml\""), start);
        assertTrue(start.contains("validatorUrl: null"), "never sends the documents to validator.swagger.io");
    }

    @Test
    void withoutTheSlashTooAndOtherFilesOfTheJarAreNotReachable(RunningApp.App app) {
        RunningApp.Response r = app.get("/openapi/ui", null, null);
        assertEquals(200, r.status());
        assertTrue(r.body().contains("/openapi/ui/swagger-ui-bundle.js"));
        for (String path : List.of("/openapi/ui/index.html", "/openapi/ui/swagger-initializer.js", "/openapi/ui/..%2F..%2Fapplication.yml")) {
            assertEquals(404, app.get(path, null, null).status(), path);
        }
    }
}
