package org.rostersync.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.SFTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.Failures;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;
import org.rostersync.support.Sftp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(RunningApp.class)
class MetricsTest {

    private static final Pattern METRIC = Pattern.compile("\\b((?:rostersync|http_server|hikaricp|jvm|process)_[a-z0-9_]+)");

    @Test
    void aScrapeAfterAnUploadRunsAndApiCallsShowsEachOfThemCounted(RunningApp.App app) throws Exception {
        Fixture f = Fixture.create(app, "Metrics district");
        Scrape before = Scrape.of(app);

        long uploaded = 0;
        try (SSHClient ssh = Sftp.sshj(app, f.sftpUser(), f.sftpPassword()); SFTPClient sftp = ssh.newSFTPClient()) {
            try (Stream<Path> files = Files.list(Fixture.SAMPLE)) {
                for (Path file : files.toList()) {
                    sftp.put(file.toString(), file.getFileName().toString());
                    uploaded += Files.size(file);
                }
            }
        }
        assertThrows(Exception.class, () -> Sftp.sshj(app, f.sftpUser(), "not the password").close());
        Map<String, Object> first = f.run();
        assertEquals("succeeded", first.get("status"), first.toString());
        long rows = ((List<?>) first.get("files")).stream().mapToLong(o -> ((Number) ((Map<?, ?>) o).get("rows")).longValue()).sum();
        // a column OneRoster 1.1 does not have: the second run ends with a warning of code schema.unknown_header
        String users = Files.readString(Fixture.SAMPLE.resolve("users.csv"), StandardCharsets.UTF_8);
        f.deliver("users.csv", users.replaceFirst("\n", ",nickname\n").replace("\r", ""));
        Map<String, Object> second = f.run();
        assertEquals("succeeded_with_issues", second.get("status"), second.toString());
        assertEquals(200, f.oneRoster("/users").status());
        assertEquals(200, f.oneRoster("/users/tch-005").status());
        assertEquals(404, f.oneRoster("/users/nobody-" + f.sourceId()).status());

        Scrape after = Scrape.of(app);
        assertEquals(1, moved(before, after, "rostersync_runs_total", "status", "succeeded", "trigger", "manual"));
        assertEquals(1, moved(before, after, "rostersync_runs_total", "status", "succeeded_with_issues", "trigger", "manual"));
        assertEquals(2, moved(before, after, "rostersync_run_phase_duration_seconds_count", "phase", "commit"));
        assertEquals(2, moved(before, after, "rostersync_run_phase_duration_seconds_count", "phase", "freeze the delivery"));
        assertTrue(moved(before, after, "rostersync_run_duration_seconds_sum") > 0);
        assertTrue(moved(before, after, "rostersync_run_rows_read_total") >= 2 * rows,
                "both runs' rows are counted: " + moved(before, after, "rostersync_run_rows_read_total") + " < " + 2 * rows);
        assertTrue(moved(before, after, "rostersync_run_issues_total", "code", "schema.unknown_header") >= 1);

        assertEquals(1, moved(before, after, "rostersync_sftp_logins_total", "result", "accepted", "method", "password"));
        assertEquals(1, moved(before, after, "rostersync_sftp_logins_total", "result", "refused", "method", "password"));
        assertEquals(8, moved(before, after, "rostersync_sftp_files_total", "event", "upload_completed"));
        assertEquals(uploaded, moved(before, after, "rostersync_sftp_uploaded_bytes_total"));
        assertTrue(after.has("rostersync_sftp_bans_total"));
        assertTrue(after.has("rostersync_sftp_sessions_open"));

        String users200 = "/ims/oneroster/v1p1/users";
        assertEquals(1, moved(before, after, "http_server_requests_seconds_count", "uri", users200, "status", "200"));
        assertEquals(1, moved(before, after, "http_server_requests_seconds_count", "uri", users200 + "/{id}", "status", "200"));
        assertTrue(moved(before, after, "http_server_requests_seconds_bucket", "uri", users200, "status", "200", "le", "10.0") >= 1,
                "latency histogram of the route");
        assertTrue(after.samples().stream().noneMatch(s -> String.valueOf(s.labels().get("uri")).contains("tch-005")),
                "routes by template, never a raw path");
        assertTrue(moved(before, after, "http_server_requests_seconds_count", "uri", "/api/sources/{sourceId}/runs", "status", "202") >= 2,
                after.samples().stream().map(s -> s.labels().get("uri")).filter(java.util.Objects::nonNull).distinct().toList().toString());

        assertTrue(after.has("hikaricp_connections_active", "pool", "rostersync"));
        assertTrue(after.has("hikaricp_connections_pending", "pool", "rostersync"));
        assertTrue(after.has("rostersync_email_outbox", "status", "pending"));
        assertTrue(after.has("rostersync_api_audit_queue"));
        assertTrue(after.has("rostersync_api_rate_limited_total"));

        // the dashboard reads only what a scrape has
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("deploy", "grafana-dashboard.json").toFile());
        Set<String> queried = new TreeSet<>();
        dashboard.findValues("expr").forEach(expr -> {
            Matcher m = METRIC.matcher(expr.asText());
            while (m.find()) {
                queried.add(m.group(1));
            }
        });
        assertTrue(queried.size() >= 15, "the dashboard queries the metrics: " + queried);
        Set<String> missing = new TreeSet<>(queried);
        after.samples().forEach(s -> missing.remove(s.name()));
        assertEquals(Set.of(), missing, "metrics the dashboard queries that a scrape does not have");
    }

    @Test
    void aScraperOutsideTheNetworksGets404AndAnAdminsCredentialsReadTheMetricsThere() throws Exception {
        // loopback is not among the networks here: the test's own requests are from outside them
        try (RunningApp.App app = RunningApp.startWith(Map.of("rostersync.metrics.networks", "192.0.2.0/24, 2001:db8::/32",
                "rostersync.api-rate.per-second", 0.001, "rostersync.api-rate.burst", 1))) {
            assertEquals(404, app.get("/metrics", null, null).status());
            assertEquals(404, app.get("/metrics", "admin", "not the password").status());
            Fixture f = Fixture.create(app, "Rate district");
            assertEquals(200, f.oneRoster("/orgs").status());
            assertEquals(429, f.oneRoster("/orgs").status());

            RunningApp.Response admin = app.get("/metrics", "admin", RunningApp.ADMIN_PASSWORD);
            assertEquals(200, admin.status(), admin.toString());
            assertTrue(admin.header("Content-Type").startsWith("text/plain; version=0.0.4"), admin.header("Content-Type"));
            Scrape scrape = Scrape.parse(admin.body());
            assertEquals(1, scrape.sum("rostersync_api_rate_limited_total"));
            assertEquals(1, scrape.sum("http_server_requests_seconds_count", "uri", "/ims/oneroster/v1p1/orgs", "status", "429"));

            RunningApp.Response token = app.adminPost("/api/me/tokens", "{\"name\":\"prometheus\"}");
            assertEquals(201, token.status(), token.toString());
            assertEquals(200, bearer(app, (String) token.map().get("token")), "an admin's API token reads the metrics");
        }
    }

    @Test
    void aRequestThroughAReverseProxyIsNotTakenForOneFromTheProxysLoopbackAddress(RunningApp.App app) throws Exception {
        HttpResponse<String> forwarded = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/metrics"))
                .header("X-Forwarded-For", "203.0.113.9").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, forwarded.statusCode());
        assertFalse(forwarded.body().contains("rostersync_"), forwarded.body());
        HttpResponse<String> withCredentials = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/metrics"))
                .header("X-Forwarded-For", "203.0.113.9").header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + RunningApp.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, withCredentials.statusCode());
    }

    @Test
    void networksThatAreNotNetworksStopTheStartNamingTheSetting() {
        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> RunningApp.startWith(Map.of("rostersync.metrics.networks", "127.0.0.0/8, intranet")).close());
        assertTrue(Failures.messages(refused).contains("(ROSTERSYNC_METRICS_NETWORKS): 'intranet' is not an IPv4 or IPv6 address"), Failures.messages(refused));
    }

    private static int bearer(RunningApp.App app, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/metrics"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static double moved(Scrape before, Scrape after, String name, String... labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }
}
