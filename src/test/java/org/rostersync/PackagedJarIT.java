package org.rostersync;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runnable jar, as the README starts it: it serves HTTP and SFTP with an ed25519 host key, and its data (the
 * embedded database and the host key) survive a restart.
 */
@Execution(ExecutionMode.CONCURRENT) // each test starts its own jar on its own data directory and ports: two at a time
class PackagedJarIT {

    private static final Pattern FINGERPRINT = Pattern.compile("host key (ssh-ed25519 SHA256:\\S+)");
    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * One data directory over three starts (its cluster made once: each new one costs an initdb): what the first start
     * makes (the admin password, printed once; the host key; the data) is what every later start finds, and a start
     * that fails stops the database it started.
     */
    @Test
    void jarServesHttpAndSftpAndKeepsItsDataGeneratedPasswordAndHostKeyAcrossRestarts(@TempDir Path dataDir) throws Exception {
        String tenantId;
        String firstKey;
        String generated;
        Service first = Service.start(dataDir, null);
        try (first) {
            Matcher m = Pattern.compile("password of the operator 'admin':\\s+(\\S+)").matcher(Files.readString(first.log()));
            assertTrue(m.find(), "without a configured password, the generated one is printed");
            generated = m.group(1);
            assertEquals(200, get(first, "/health").statusCode());
            assertEquals(401, get(first, "/api/tenants", "jar-admin-password").statusCode());
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(first.url("/api/tenants")))
                    .header("Authorization", basic(generated)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Persisted USD\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
            tenantId = created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
            firstKey = first.fingerprint();
            assertEquals("ssh-ed25519", sftpHostKeyType(first.sftpPort));
            Path besideLog = Files.createTempFile("rostersync-jar", ".log");
            Process beside = Service.launch(dataDir, null, java.util.Map.of("ROSTERSYNC_SFTP_PORT", Integer.toString(Service.freePort())),
                    besideLog);
            assertTrue(beside.waitFor(90, TimeUnit.SECONDS), "a second start on a data directory in use ends");
            assertEquals(1, beside.exitValue());
            List<String> said = Files.readAllLines(besideLog).stream().filter(line -> line.startsWith("rostersync: ")).toList();
            assertEquals(List.of("rostersync: the data directory " + dataDir.toAbsolutePath() + " is in use by another rostersync"
                    + " (its embedded PostgreSQL is running): stop that one, or give this one a data directory of its own"
                    + " (ROSTERSYNC_DATA_DIR)"), said, Files.readString(besideLog));
            assertTrue(!Files.readString(besideLog).contains("\tat "), "one sentence, no stack trace:\n" + Files.readString(besideLog));
            assertEquals(200, get(first, "/health").statusCode(), "the first one runs on");
        }
        String log = Files.readString(first.log());
        assertTrue(log.contains("shutting down"), log);
        String stopping = log.substring(log.indexOf("shutting down"));
        assertTrue(!stopping.contains(" WARN ") && !stopping.contains(" ERROR "),
                "a stop closes the workers and the pool before the database, and complains of nothing:\n" + stopping);
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Process failed = Service.launch(dataDir, null, java.util.Map.of(
                    "ROSTERSYNC_SFTP_PORT", Integer.toString(taken.getLocalPort())), Files.createTempFile("rostersync-jar", ".log"));
            assertTrue(failed.waitFor(90, TimeUnit.SECONDS), "a start whose SFTP port is taken ends");
            assertEquals(1, failed.exitValue());
            assertTrue(Files.notExists(dataDir.resolve("postgres-15").resolve("postmaster.pid")),
                    "the failed start stopped the embedded PostgreSQL it had started");
        }
        try (Service service = Service.start(dataDir, null)) {
            assertTrue(!Files.readString(service.log()).contains(generated), "the generated password is printed only once");
            HttpResponse<String> tenant = get(service, "/api/tenants/" + tenantId, generated);
            assertEquals(200, tenant.statusCode(), tenant.body());
            assertTrue(tenant.body().contains("Persisted USD"));
            assertEquals(firstKey, service.fingerprint(), "the host key is generated once and kept");
        }
    }

    @Test
    void jarSendsEmailThroughAnSmtpServer(@TempDir Path dataDir) throws Exception {
        // Angus Mail finds its SMTP transport through files in META-INF that the shaded jar must keep
        com.icegreen.greenmail.util.GreenMail smtp = new com.icegreen.greenmail.util.GreenMail(
                new com.icegreen.greenmail.util.ServerSetup(0, "127.0.0.1", com.icegreen.greenmail.util.ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (Service service = Service.start(dataDir, "jar-admin-password", java.util.Map.of("ROSTERSYNC_MAIL_HOST", "127.0.0.1",
                "ROSTERSYNC_MAIL_PORT", Integer.toString(smtp.getSmtp().getPort()), "ROSTERSYNC_MAIL_TLS", "none"))) {
            String tenant = post(service, "/api/tenants", "{\"name\":\"Mailed USD\"}").replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
            String source = post(service, "/api/tenants/" + tenant + "/sources",
                    "{\"name\":\"Aeries\",\"sftp\":{\"username\":\"mailed-aeries\",\"password\":\"long-enough-password\"}}")
                    .replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
            HttpResponse<String> saved = http.send(HttpRequest.newBuilder(URI.create(service.url("/api/sources/" + source + "/notifications")))
                    .header("Authorization", basic()).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"recipients\":\"ops@mailed.test\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, saved.statusCode(), saved.body());
            String sent = post(service, "/api/sources/" + source + "/notifications/test", "");
            assertTrue(sent.contains("\"sent\":true"), sent);
            assertEquals(1, smtp.getReceivedMessages().length);
            assertEquals("[rostersync] Test email for Aeries", smtp.getReceivedMessages()[0].getSubject());
        } finally {
            smtp.stop();
        }
    }

    private String post(Service service, String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(service.url(path))).header("Authorization", basic())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() < 300, path + " -> " + r.statusCode() + " " + r.body());
        return r.body();
    }

    @Test
    void validateCommandChecksADeliveryWithoutADatabase() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar",
                System.getProperty("rostersync.jar"), "validate", "samples/oneroster-1.1/minimal").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("0 fatal, 0 errors, 0 skipped, 0 warnings"), output);
        assertTrue(!output.contains("PostgreSQL"), "no database is started: " + output);
    }

    @Test
    void jarCarriesTheColumnSpecsThatDriveTheReader() throws IOException {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(System.getProperty("rostersync.jar"))) {
            for (String entity : List.of("orgs", "academicSessions", "courses", "classes", "users", "demographics", "enrollments")) {
                assertNotNull(jar.getEntry("schemas/oneroster-1.1/" + entity + ".json"), entity);
            }
        }
    }

    private HttpResponse<String> get(Service service, String path) throws IOException, InterruptedException {
        return get(service, path, "jar-admin-password");
    }

    private HttpResponse<String> get(Service service, String path, String password) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(service.url(path))).header("Authorization", basic(password)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String basic() {
        return basic("jar-admin-password");
    }

    private static String basic(String password) {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String sftpHostKeyType(int port) throws IOException {
        AtomicReference<String> type = new AtomicReference<>();
        try (SSHClient ssh = new SSHClient()) {
            ssh.addHostKeyVerifier(new HostKeyVerifier() {
                @Override
                public boolean verify(String hostname, int p, PublicKey key) {
                    type.set(net.schmizz.sshj.common.KeyType.fromKey(key).toString());
                    return true;
                }

                @Override
                public List<String> findExistingAlgorithms(String hostname, int p) {
                    return List.of();
                }
            });
            ssh.connect("127.0.0.1", port);
        }
        return type.get();
    }

    /** The jar running in its own JVM, stopped (and its embedded PostgreSQL with it) on close. */
    private record Service(Process process, Path log, int httpPort, int sftpPort) implements AutoCloseable {

        static Service start(Path dataDir) throws Exception {
            return start(dataDir, "jar-admin-password");
        }

        static Service start(Path dataDir, String adminPassword) throws Exception {
            return start(dataDir, adminPassword, java.util.Map.of());
        }

        static Service start(Path dataDir, String adminPassword, java.util.Map<String, String> environment) throws Exception {
            int httpPort = freePort();
            int sftpPort = freePort();
            Path log = Files.createTempFile("rostersync-jar", ".log");
            java.util.Map<String, String> ports = new java.util.HashMap<>(java.util.Map.of(
                    "ROSTERSYNC_HTTP_PORT", Integer.toString(httpPort), "ROSTERSYNC_SFTP_PORT", Integer.toString(sftpPort)));
            ports.putAll(environment);
            Service service = new Service(launch(dataDir, adminPassword, ports, log), log, httpPort, sftpPort);
            HttpClient client = HttpClient.newHttpClient();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            while (Instant.now().isBefore(deadline) && service.process.isAlive()) {
                try {
                    if (client.send(HttpRequest.newBuilder(URI.create(service.url("/health"))).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return service;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(200);
            }
            service.close();
            throw new AssertionError("the jar did not become healthy:\n" + Files.readString(log));
        }

        /** The jar's process, its output in the log; the environment names its ports. */
        static Process launch(Path dataDir, String adminPassword, java.util.Map<String, String> environment, Path log) throws IOException {
            String jar = System.getProperty("rostersync.jar");
            assertNotNull(jar, "run by failsafe, which passes the jar's path");
            // C1 only, as CrashSafetyTest's processes: each lives seconds, and its start costs about half the CPU without C2
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar, "serve")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("ROSTERSYNC_DATA_DIR", dataDir.toString());
            pb.environment().put("ROSTERSYNC_HTTP_PORT", Integer.toString(freePort()));
            pb.environment().put("ROSTERSYNC_BIND", "127.0.0.1");
            if (adminPassword != null) {
                pb.environment().put("ROSTERSYNC_ADMIN_PASSWORD", adminPassword);
            } else {
                pb.environment().remove("ROSTERSYNC_ADMIN_PASSWORD");
            }
            pb.environment().putAll(environment);
            return pb.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + httpPort + path;
        }

        String fingerprint() throws IOException {
            Matcher m = FINGERPRINT.matcher(Files.readString(log));
            assertTrue(m.find(), "the host key fingerprint is logged at startup");
            return m.group(1);
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }

        static int freePort() throws IOException {
            try (ServerSocket s = new ServerSocket(0)) {
                return s.getLocalPort();
            }
        }
    }
}
