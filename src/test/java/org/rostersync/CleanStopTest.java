package org.rostersync;

import org.rostersync.support.AdminHttp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.rostersync.support.Sftp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stop by SIGTERM, as systemd and container runtimes stop a service: rostersync in a JVM of its own on one data
 * directory (the embedded PostgreSQL, which must stop last), stopped idle, during a run that passes its grace period,
 * and during a run that finishes within it while a vendor uploads over OpenSSH. Each stop's log has no WARN or ERROR
 * line, and the next start finds the runs ended truly and the cut upload gone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CleanStopTest {

    private static final String ADMIN = "clean-stop-admin-password";
    private static final String PASSWORD = "clean-stop-sftp-password";
    private static final Path SAMPLE = Path.of("samples", "oneroster-1.1", "minimal").toAbsolutePath();
    private static final Pattern INSERTED = Pattern.compile(": ([0-9]+) inserted");

    private static Path dataDir;
    private static Path work;
    /** Source name → id; run name → id: each step uses what the steps before it made. */
    private static final Map<String, String> ids = new HashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void dataDirectory() throws IOException {
        dataDir = Files.createDirectories(Path.of("target", "clean-stop", "data-" + System.nanoTime()).toAbsolutePath());
        work = Files.createDirectories(Path.of("target", "clean-stop", "work-" + System.nanoTime()).toAbsolutePath());
    }

    @AfterAll
    static void stopped() {
        assertTrue(Files.notExists(dataDir.resolve("postgres-15").resolve("postmaster.pid")), "the embedded PostgreSQL stopped");
    }

    @Test
    @Order(1)
    void aPlainStopOfAnIdleServiceLogsNoWarningAndStopsTheDatabaseLast() throws Exception {
        Sftp.requireTool("sftp", "openssh-client");
        try (App app = start(Map.of())) {
            String tenant = id(app.post("/api/tenants", "{\"name\":\"Stop USD\"}"));
            for (String name : List.of("past-grace", "within-grace", "uploading")) {
                ids.put(name, id(app.post("/api/tenants/" + tenant + "/sources", "{\"name\":\"" + name + "\",\"sftp\":{\"username\":\"stop-"
                        + name + "\",\"password\":\"" + PASSWORD + "\"}}")));
            }
            for (String name : List.of("past-grace", "within-grace")) {
                Sftp.Result put = Sftp.openssh(app.sftpPort, "stop-" + name, PASSWORD, SAMPLE, "put *.csv");
                assertEquals(0, put.exitCode(), put.output());
            }
            app.stop();
            String stop = app.stopLog();
            assertTrue(stop.contains("Uploads and runs stopped"), stop);
            assertTrue(Files.notExists(dataDir.resolve("postgres-15").resolve("postmaster.pid")),
                    "the embedded PostgreSQL stopped with the service");
        }
    }

    @Test
    @Order(2)
    void aRunPastItsGracePeriodStopsAtASafePointAndAppliesNothing() throws Exception {
        String source = ids.get("past-grace");
        try (App app = start(Map.of("ROSTERSYNC_SHUTDOWN_GRACE_SECONDS", "0",
                "ROSTERSYNC_TEST_PAUSE_AT", source + "/users.csv:row:10"))) {
            ids.put("past-grace run", id(app.post("/api/sources/" + source + "/runs", null)));
            app.awaitLine("rostersync paused at users.csv:row:10");
            app.stop();
            assertTrue(app.stopLog().contains("stopped at a safe point"), app.stopLog());
        }
        try (App app = start(Map.of())) {
            Map<String, String> stopped = app.getRun(ids.get("past-grace run"));
            assertEquals("failed", stopped.get("status"), stopped.toString());
            assertTrue(stopped.get("message").startsWith("stopped: rostersync was stopping") && stopped.get("message")
                    .contains("nothing was applied"), stopped.toString());
            Map<String, String> again = app.run(source);
            assertEquals("succeeded", again.get("status"), again.toString());
            assertTrue(inserted(again) > 50, "the stopped run applied nothing, so the next one inserts every record: " + again);
            assertTrue(!app.output().contains("left unfinished"), "the next start found no run to end:\n" + app.output());
            app.stop();
        }
    }

    @Test
    @Order(3)
    void aRunWithinItsGracePeriodFinishesWhileAnUploadInProgressIsDiscarded() throws Exception {
        String source = ids.get("within-grace");
        String uploading = ids.get("uploading");
        Path big = work.resolve("users.csv");
        Files.write(big, new byte[20 << 20]);
        try (App app = start(Map.of("ROSTERSYNC_SHUTDOWN_GRACE_SECONDS", "60",
                "ROSTERSYNC_TEST_PAUSE_AT", source + "/users.csv:row:10"))) {
            ids.put("within-grace run", id(app.post("/api/sources/" + source + "/runs", null)));
            app.awaitLine("rostersync paused at users.csv:row:10");
            // 800 kbit/s: 20 MiB would take more than three minutes, so the stop lands mid-transfer
            Process client = Sftp.startOpenssh(app.sftpPort, "stop-uploading", PASSWORD, work, List.of("-l", "800"), "put users.csv");
            Instant deadline = Instant.now().plusSeconds(30);
            while (partialBytes(uploading) == 0 && client.isAlive() && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            assertTrue(partialBytes(uploading) > 0 && client.isAlive(), "the upload is under way");
            long stopping = System.nanoTime();
            app.stop();
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - stopping);
            assertTrue(seconds < 60, "the stop ended within the grace period: " + seconds + " s");
            assertTrue(client.waitFor(30, TimeUnit.SECONDS), "the client's connection was closed");
            String said = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(said.contains("rostersync is stopping"), "the client is told why: " + said);
            assertTrue(client.exitValue() != 0, said);
        }
        assertTrue(Files.notExists(dataDir.resolve("inbox").resolve(uploading).resolve("users.csv")),
                "the cut upload never joined the delivery");
        try (App app = start(Map.of())) {
            Map<String, String> finished = app.getRun(ids.get("within-grace run"));
            assertEquals("succeeded", finished.get("status"), finished.toString());
            assertTrue(inserted(finished) > 50, finished.toString());
            assertEquals(0, partialBytes(uploading), "no part of the cut upload is left");
            assertTrue(Files.notExists(dataDir.resolve("inbox").resolve(uploading).resolve("users.csv")));
            app.stop();
        }
    }

    private static long inserted(Map<String, String> run) {
        Matcher m = INSERTED.matcher(run.get("message"));
        assertTrue(m.find(), run.toString());
        return Long.parseLong(m.group(1));
    }

    /** Bytes of the source's uploads in progress (its files in the inbox's {@code .uploading}). */
    private static long partialBytes(String source) throws IOException {
        Path uploading = dataDir.resolve("inbox").resolve(".uploading");
        if (!Files.isDirectory(uploading)) {
            return 0;
        }
        long total = 0;
        try (Stream<Path> files = Files.list(uploading)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith(source + ".")).toList()) {
                try {
                    total += Files.size(p);
                } catch (java.nio.file.NoSuchFileException gone) {
                    // removed meanwhile
                }
            }
        }
        return total;
    }

    private static String id(String json) {
        return AdminHttp.id(json);
    }

    /** rostersync in its own JVM on the test's data directory (its embedded PostgreSQL), its output read line by line. */
    private App start(Map<String, String> environment) throws Exception {
        // the application's classes as this test has them, as CrashSafetyTest starts them
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        int port = freePort();
        int sftpPort = freePort();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-XX:TieredStopAtLevel=1", "-cp", classpath, "org.rostersync.Application", "serve").redirectErrorStream(true);
        pb.environment().put("ROSTERSYNC_DATA_DIR", dataDir.toString());
        pb.environment().put("ROSTERSYNC_HTTP_PORT", Integer.toString(port));
        pb.environment().put("ROSTERSYNC_SFTP_PORT", Integer.toString(sftpPort));
        pb.environment().put("ROSTERSYNC_BIND", "127.0.0.1");
        pb.environment().put("ROSTERSYNC_ADMIN_PASSWORD", ADMIN);
        pb.environment().put("ROSTERSYNC_SCHEDULE_ENABLED", "false"); // runs only when the test asks
        List.of("ROSTERSYNC_DB_URL", "ROSTERSYNC_DB_USER", "ROSTERSYNC_DB_PASSWORD").forEach(pb.environment()::remove);
        pb.environment().putAll(environment);
        App app = new App(pb.start(), port, sftpPort);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline) && app.process.isAlive()) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return app;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        app.close();
        throw new AssertionError("rostersync did not start:\n" + app.output());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private final class App implements AutoCloseable {

        private final Process process;
        private final int port;
        private final int sftpPort;
        private final List<String> lines = new ArrayList<>();
        private final Thread reader;

        private App(Process process, int port, int sftpPort) {
            this.process = process;
            this.port = port;
            this.sftpPort = sftpPort;
            reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        synchronized (lines) {
                            lines.add(line);
                            lines.notifyAll();
                        }
                    }
                } catch (IOException ended) {
                    // the process is gone
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        void awaitLine(String text) throws InterruptedException {
            Instant deadline = Instant.now().plusSeconds(120);
            synchronized (lines) {
                while (lines.stream().noneMatch(line -> line.contains(text)) && Instant.now().isBefore(deadline) && process.isAlive()) {
                    lines.wait(1000);
                }
            }
            assertTrue(output().contains(text), "never printed '" + text + "':\n" + output());
        }

        /** SIGTERM, as systemd and container runtimes stop a service; the process must end by itself, and cleanly. */
        void stop() throws Exception {
            process.toHandle().destroy(); // Process.destroy would also close the output this test reads
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the stop ended:\n" + output());
            assertEquals(143, process.exitValue(), "ended by SIGTERM:\n" + output());
            reader.join(TimeUnit.SECONDS.toMillis(10)); // to the end of its output
            String stop = stopLog();
            assertTrue(stop.lines().noneMatch(line -> line.matches("\\S+ (WARN|ERROR) .*")),
                    "a stop warns of nothing:\n" + stop);
        }

        /** What the process said from the start of its stop on. */
        String stopLog() {
            String all = output();
            int at = all.indexOf("shutting down");
            assertTrue(at >= 0, "the stop is logged:\n" + all);
            return all.substring(at);
        }

        String output() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }

        String post(String path, String json) throws Exception {
            return admin().post(path, json);
        }

        Map<String, String> getRun(String runId) throws Exception {
            return admin().getRun(runId);
        }

        /** Starts a run of the source and waits for it to end. */
        Map<String, String> run(String source) throws Exception {
            return admin().run(source);
        }

        private AdminHttp admin() {
            return new AdminHttp(port, ADMIN, this::output);
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }
}
