package org.rostersync.support;

import org.rostersync.intake.inbox.Inbox;
import org.rostersync.report.RunStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A tenant with one source (hosted SFTP account) and one API client, made through the admin API. */
public record Fixture(RunningApp.App app, UUID tenantId, UUID sourceId, String sftpUser, String sftpPassword,
                      String clientId, String clientSecret) {

    public static final Path SAMPLE = Path.of("samples", "oneroster-1.1", "minimal");
    private static final EnumSet<RunStatus> ENDED = EnumSet.of(RunStatus.succeeded, RunStatus.succeeded_with_issues,
            RunStatus.failed, RunStatus.held, RunStatus.discarded, RunStatus.no_new_delivery);

    public static Fixture create(RunningApp.App app, String name) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        RunningApp.Response tenant = app.adminPost("/api/tenants", "{\"name\":\"" + name + "\"}");
        assertEquals(201, tenant.status(), tenant.toString());
        UUID tenantId = UUID.fromString((String) tenant.map().get("id"));
        String user = "sis-" + suffix;
        String password = "pw-" + UUID.randomUUID();
        RunningApp.Response source = app.adminPost("/api/tenants/" + tenantId + "/sources",
                "{\"name\":\"" + name + " SIS\",\"sftp\":{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}}");
        assertEquals(201, source.status(), source.toString());
        RunningApp.Response client = app.adminPost("/api/tenants/" + tenantId + "/api-clients", null);
        assertEquals(201, client.status(), client.toString());
        return new Fixture(app, tenantId, UUID.fromString((String) source.map().get("id")), user, password,
                (String) client.map().get("clientId"), (String) client.map().get("clientSecret"));
    }

    /** Puts files in the inbox as a completed upload would (for tests of the pipeline, not of SFTP). */
    public void deliver(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                deliver(f.getFileName().toString(), Files.readAllBytes(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void deliver(String name, String content) {
        deliver(name, content.getBytes(StandardCharsets.UTF_8));
    }

    public void deliver(String name, byte[] content) {
        Inbox inbox = app.context().getBean(Inbox.class);
        try {
            Files.write(inbox.folder(sourceId).resolve(name), content);
            inbox.complete(sourceId, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes a file from the inbox, as a vendor deleting it over SFTP would. */
    public void remove(String name) {
        Inbox inbox = app.context().getBean(Inbox.class);
        try {
            inbox.forget(sourceId, name);
            Files.deleteIfExists(inbox.folder(sourceId).resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Turns the safeguards off (for tests of small rosters, where one change is a large share). */
    public Fixture withoutSafeguards() {
        RunningApp.Response r = app.adminPut("/api/sources/" + sourceId + "/safeguards",
                "{\"maxDeletedPercent\":100,\"maxChangedPercent\":100,\"neverDelete\":false}");
        assertEquals(200, r.status(), r.toString());
        return this;
    }

    /** Starts a run, waits for it to end, and returns it. */
    public Map<String, Object> run() {
        RunningApp.Response started = app.adminPost("/api/sources/" + sourceId + "/runs", null);
        assertEquals(202, started.status(), started.toString());
        return awaitEnd((String) started.map().get("id"));
    }

    /** Waits for a run to end (succeeded, failed, held) and returns it. */
    public Map<String, Object> awaitEnd(String runId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            Map<String, Object> run = app.adminGet("/api/runs/" + runId).map();
            if (ENDED.contains(RunStatus.valueOf((String) run.get("status")))) {
                return run;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("run " + runId + " did not end within 60 s");
    }

    public RunningApp.Response oneRoster(String path) {
        return app.get("/ims/oneroster/v1p1" + path, clientId, clientSecret);
    }
}
