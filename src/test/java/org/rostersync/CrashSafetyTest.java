package org.rostersync;

import org.rostersync.support.AdminHttp;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crash safety: rostersync imports a night's changes in a JVM of its own and is killed with SIGKILL at points spread
 * over COPY, merge, deletions and commit, up to six runs of six sources in flight at each kill. After each kill the
 * roster is exactly as before the run or as after it (never
 * in between), the next start says truly what happened to the run and removes its working files, and running the
 * delivery again succeeds. The killed runs compare users and enrollments part by part through files on disk (parts of
 * 1,000 records), the reference run in memory: both must come to the same roster.
 */
class CrashSafetyTest {

    private static final String ADMIN = "crash-admin-password";
    private static final List<String> POINTS = List.of("orgs.csv:row:2", "classes.csv:row:50", "users.csv:row:10",
            "users.csv:row:1500", "users.csv:merge", "users.csv:deletions", "enrollments.csv:row:3000", "enrollments.csv:merge",
            "enrollments.csv:deletions", "commit:before", "commit:after");
    /** Runs paused together before one kill: the application executes as many at once (ROSTERSYNC_RUNS_WORKERS). */
    private static final int RUNS_AT_ONCE = 6;
    private static final List<String> TABLES = List.of("roster_org", "roster_academic_session", "roster_course", "roster_class",
            "roster_user", "roster_enrollment");

    private static EmbeddedPostgres postgres;
    private static Path dataDir;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startPostgres() throws IOException {
        // the test's own server: it outlives every rostersync process the test kills
        // the jar under test and the binaries' own artifact both carry the server: take the first
        postgres = EmbeddedPostgres.builder().setCleanDataDirectory(true)
                .setPgBinaryResolver((system, arch) -> CrashSafetyTest.class.getClassLoader()
                        .getResource("postgres-linux-x86_64.txz").openStream()) // the only binaries the project ships
                .setDataDirectory(Path.of("target", "crash-test", "postgres")).start();
        dataDir = Files.createDirectories(Path.of("target", "crash-test", "data-" + System.nanoTime()));
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Test
    void aRunKilledAnywhereLeavesTheRosterAsBeforeOrAfterAndTheNextRunSucceeds() throws Exception {
        Map<String, String> sources = new LinkedHashMap<>();
        List<String> before;
        List<String> after;
        try (App app = startApp(null)) {
            String tenant = id(app.post("/api/tenants", "{\"name\":\"Crash USD\"}"));
            for (String point : POINTS) {
                sources.put(point, id(app.post("/api/tenants/" + tenant + "/sources",
                        "{\"name\":\"" + point + "\",\"sftp\":{\"username\":\"crash-" + sources.size() + "\",\"password\":\"crash-password\"}}")));
            }
            String reference = id(app.post("/api/tenants/" + tenant + "/sources",
                    "{\"name\":\"reference\",\"sftp\":{\"username\":\"crash-reference\",\"password\":\"crash-password\"}}"));
            for (String source : sources.values()) {
                deliver(source, Night.ONE);
                assertEquals("succeeded", app.run(source).get("status"));
                deliver(source, Night.TWO);
            }
            deliver(reference, Night.ONE);
            app.run(reference);
            before = roster(reference);
            deliver(reference, Night.TWO);
            Map<String, String> night2 = app.run(reference);
            assertEquals("succeeded", night2.get("status"), night2.toString());
            after = roster(reference);
            assertNotEquals(before, after, "night two changes, adds and deletes records");
        }
        // several runs in flight at each kill, each stopped at its own point: every point is still killed at, in two
        // processes instead of eleven, and each next start recovers the runs the kill interrupted. No point holds a lock
        // another run waits on: the tenant's roster stamp is taken after commit:before.
        Map<String, String> previous = Map.of(); // source -> the run the last kill interrupted
        for (int k = 0; k < POINTS.size(); k += RUNS_AT_ONCE) {
            List<String> points = POINTS.subList(k, Math.min(k + RUNS_AT_ONCE, POINTS.size()));
            Map<String, String> killed = new LinkedHashMap<>();
            String pauses = String.join(",", points.stream().map(point -> sources.get(point) + "/" + point).toList());
            try (App app = startApp(pauses)) {
                for (Map.Entry<String, String> interrupted : previous.entrySet()) {
                    recover(app, interrupted.getKey(), interrupted.getValue(), after);
                }
                for (String point : points) {
                    killed.put(point, id(app.post("/api/sources/" + sources.get(point) + "/runs", null)));
                }
                app.awaitLines(points.stream().map(point -> "rostersync paused at " + point).toList());
                for (String point : points) {
                    assertPausedAt(app, point, killed.get(point));
                }
                app.kill();
            }
            Map<String, String> next = new LinkedHashMap<>();
            for (String point : points) {
                List<String> state = roster(sources.get(point));
                if (point.equals("commit:after")) {
                    assertEquals(after, state, "killed after the commit: " + point);
                } else {
                    assertEquals(before, state, "killed before the commit, nothing is applied: " + point);
                }
                next.put(sources.get(point), killed.get(point));
            }
            previous = next;
        }
        try (App app = startApp(null)) {
            for (Map.Entry<String, String> interrupted : previous.entrySet()) {
                recover(app, interrupted.getKey(), interrupted.getValue(), after);
            }
        }
    }

    /** A run stopped while reading a large file keeps its parts on disk and says which file it reads. */
    private void assertPausedAt(App app, String point, String runId) throws Exception {
        if (point.matches("(users|enrollments)\\.csv:row:.*")) {
            try (var files = Files.walk(scratch(runId))) {
                assertTrue(files.anyMatch(Files::isRegularFile), "a large load keeps its parts in the run's scratch folder");
            }
        }
        if (point.contains(":row:")) {
            String running = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port + "/api/runs/" + runId))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN).getBytes(StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(running.contains("\"status\":\"running\"") && running.contains("\"progressFile\":\""
                    + point.substring(0, point.indexOf(':')) + "\""), "a running run says which file it reads: " + running);
        }
    }

    /** The run the kill interrupted is reported truly at the next start, and running again brings the roster to after. */
    private void recover(App app, String source, String killedRun, List<String> after) throws Exception {
        Map<String, String> killed = app.getRun(killedRun);
        assertTrue(Files.notExists(scratch(killedRun)), "the next start removes the killed run's working files");
        boolean applied = roster(source).equals(after);
        if (applied) {
            assertEquals("succeeded_with_issues", killed.get("status"), killed.toString());
            assertTrue(killed.get("message").startsWith("applied: the roster changes were committed"), killed.toString());
        } else {
            assertEquals("failed", killed.get("status"), killed.toString());
            assertTrue(killed.get("message").contains("nothing was applied"), killed.toString());
        }
        Map<String, String> again = app.run(source);
        assertTrue(again.get("status").startsWith("succeeded"), again.toString());
        assertEquals(after, roster(source), "the next run completes the night");
    }

    /** Every record of the source, as JSON without what differs between sources and runs (ids, dates, hashes). */
    private static List<String> roster(String source) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            for (String table : TABLES) {
                try (PreparedStatement ps = c.prepareStatement("SELECT (to_jsonb(t) - 'tenant_id' - 'source_id' - 'date_last_modified'"
                        + " - 'row_hash' - 'sourced_id_fp' - 'inserted_by')::text FROM " + table + " t WHERE source_id = ?::uuid ORDER BY sourced_id")) {
                    ps.setString(1, source);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(table + " " + rs.getString(1));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Puts a night's files in the source's inbox as completed uploads (this test is about the pipeline, not SFTP). */
    private static void deliver(String source, Night night) throws Exception {
        Path inbox = Files.createDirectories(dataDir.resolve("inbox").resolve(source));
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            for (Map.Entry<String, String> file : night.files().entrySet()) {
                byte[] bytes = file.getValue().getBytes(StandardCharsets.UTF_8);
                Files.write(inbox.resolve(file.getKey()), bytes);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO delivery_file (source_id, name, size, sha256, received_at)"
                        + " VALUES (?::uuid, ?, ?, ?, ?) ON CONFLICT (source_id, name) DO UPDATE SET size = EXCLUDED.size,"
                        + " sha256 = EXCLUDED.sha256, received_at = EXCLUDED.received_at")) {
                    ps.setString(1, source);
                    ps.setString(2, file.getKey());
                    ps.setLong(3, bytes.length);
                    ps.setString(4, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
                    ps.setTimestamp(5, Timestamp.from(Instant.now()));
                    ps.executeUpdate();
                }
            }
        }
    }

    /** Two nights of one district: the second changes 5% of the users, drops 2% (and their enrollments), adds 1%. */
    private enum Night {
        ONE, TWO;

        Map<String, String> files() {
            boolean two = this == TWO;
            Map<String, String> files = new LinkedHashMap<>();
            files.put("manifest.csv", "propertyName,value\nmanifest.version,1.0\noneroster.version,1.1\nfile.orgs,bulk\n"
                    + "file.academicSessions,bulk\nfile.courses,bulk\nfile.classes,bulk\nfile.users,bulk\nfile.enrollments,bulk\n");
            StringBuilder orgs = new StringBuilder("sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\nd1,,,District,district,,\n");
            for (int s = 0; s < 5; s++) {
                orgs.append("s").append(s).append(",,,School ").append(s).append(",school,,d1\n");
            }
            files.put("orgs.csv", orgs.toString());
            files.put("academicSessions.csv", "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear\n"
                    + "y1,,,2026-2027,schoolYear,2026-08-17,2027-06-11,,2027\n");
            StringBuilder courses = new StringBuilder("sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes\n");
            for (int k = 0; k < 20; k++) {
                courses.append("c").append(k).append(",,,y1,Course ").append(k).append(",C").append(k).append(",,d1,,\n");
            }
            files.put("courses.csv", courses.toString());
            StringBuilder classes = new StringBuilder("sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,"
                    + "schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods\n");
            for (int k = 0; k < 100; k++) {
                classes.append("k").append(k).append(",,,Class ").append(k).append(two && k % 20 == 0 ? " (moved)" : "").append(",,c")
                        .append(k % 20).append(",,scheduled,,s").append(k % 5).append(",y1,,,\n");
            }
            files.put("classes.csv", classes.toString());
            StringBuilder users = new StringBuilder("sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
                    + "givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\n");
            StringBuilder enrollments = new StringBuilder("sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,"
                    + "role,primary,beginDate,endDate\n");
            int count = two ? 3030 : 3000;
            for (int u = 0; u < count; u++) {
                if (two && u % 50 == 7) {
                    continue; // gone
                }
                String family = two && u % 20 == 3 ? "Changed" : "Family" + u;
                users.append("u").append(u).append(",,,true,s").append(u % 5).append(",student,u").append(u).append(",,Given,")
                        .append(family).append(",,,,,,,,\n");
                for (int e = 0; e < 2; e++) {
                    int k = (u * 2 + e) % 100;
                    enrollments.append("e").append(u).append('-').append(e).append(",,,k").append(k).append(",s").append(k % 5)
                            .append(",u").append(u).append(",student,").append(two && u % 30 == 1 ? "true" : "false").append(",,\n");
                }
            }
            files.put("users.csv", users.toString());
            files.put("enrollments.csv", enrollments.toString());
            return files;
        }
    }

    private static String id(String json) {
        return AdminHttp.id(json);
    }

    /** The packaged jar serving on free ports, against the test's PostgreSQL, its output watched line by line. */
    private final class App implements AutoCloseable {

        private final Process process;
        private final int port;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final StringBuilder log = new StringBuilder();

        private App(Process process, int port) {
            this.process = process;
            this.port = port;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                        synchronized (log) {
                            log.append(line).append('\n');
                        }
                    }
                } catch (IOException ended) {
                    // the process is gone
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        /** Waits until the process has printed a line containing each text, in any order. */
        void awaitLines(List<String> texts) throws InterruptedException {
            List<String> missing = new ArrayList<>(texts);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
            while (Instant.now().isBefore(deadline) && !missing.isEmpty()) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line != null) {
                    missing.removeIf(line::contains);
                } else if (!process.isAlive()) {
                    break;
                }
            }
            if (!missing.isEmpty()) {
                throw new AssertionError("never printed " + missing + ":\n" + output());
            }
        }

        /** SIGKILL: no shutdown hook, no clean close of the database connection. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, process.exitValue(), "killed by SIGKILL");
        }

        boolean alive() {
            return process.isAlive();
        }

        String output() {
            synchronized (log) {
                return log.toString();
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
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    private App startApp(String pauseAt) throws Exception {
        // the application's classes and libraries as this test has them (the packaged jar's own test is PackagedJarIT):
        // this test then runs beside the others instead of after the package is built
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        int port = freePort();
        // C1 only: each of the four processes lives a few seconds, and its start costs 45% less CPU without C2 (4.1 s
        // against 7.5 s, measured); what is tested is where the kill lands, not how fast the code is
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-XX:TieredStopAtLevel=1", "-cp", classpath, "org.rostersync.Application", "serve").redirectErrorStream(true);
        pb.environment().put("ROSTERSYNC_DATA_DIR", dataDir.toString());
        pb.environment().put("ROSTERSYNC_HTTP_PORT", Integer.toString(port));
        pb.environment().put("ROSTERSYNC_SFTP_PORT", Integer.toString(freePort()));
        pb.environment().put("ROSTERSYNC_BIND", "127.0.0.1");
        pb.environment().put("ROSTERSYNC_ADMIN_PASSWORD", ADMIN);
        pb.environment().put("ROSTERSYNC_DB_URL", "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres");
        pb.environment().put("ROSTERSYNC_DB_USER", "postgres");
        pb.environment().put("ROSTERSYNC_DB_PASSWORD", "postgres");
        if (pauseAt != null) {
            pb.environment().put("ROSTERSYNC_TEST_PAUSE_AT", pauseAt);
            pb.environment().put("ROSTERSYNC_RUNS_PART_RECORDS", "1000");
            pb.environment().put("ROSTERSYNC_RUNS_WORKERS", Integer.toString(RUNS_AT_ONCE));
        }
        App app = new App(pb.start(), port);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline) && app.alive()) {
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

    private static Path scratch(String run) {
        return dataDir.resolve("runs").resolve(run).resolve("scratch");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
