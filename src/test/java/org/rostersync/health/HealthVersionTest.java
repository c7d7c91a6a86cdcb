package org.rostersync.health;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.RunningApp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /health} names the version that answers: the pom's, as the build wrote it. */
@ExtendWith(RunningApp.class)
class HealthVersionTest {

    /** The project's own version, read from pom.xml (the first {@code <version>} after the artifactId). */
    static String pomVersion() throws Exception {
        Matcher m = Pattern.compile("<artifactId>rostersync</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(m.find(), "pom.xml names rostersync's version");
        return m.group(1);
    }

    @Test
    void healthAnswersWithTheBuildsVersion(RunningApp.App app) throws Exception {
        RunningApp.Response health = app.get("/health", null, null);
        assertEquals(200, health.status(), health.body());
        assertEquals(pomVersion(), health.map().get("version"), health.body());
        assertEquals(pomVersion(), Version.current());
    }

    @Test
    void theHealthcheckCommandSucceedsOnlyWhileHealthAnswers200(RunningApp.App app) throws Exception {
        assertEquals(0, HealthProbe.check(app.baseUrl() + "/health"));
        assertEquals(1, HealthProbe.check(app.baseUrl() + "/no-such-page"), "a 404 is not healthy");
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertEquals(1, HealthProbe.check(HealthProbe.localUrl(Integer.toString(closed))), "nothing listening");
    }
}
