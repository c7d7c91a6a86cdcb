package org.rostersync.support;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.rostersync.intake.sftp.SftpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The real application (embedded PostgreSQL, HTTP on a free port, SFTP on a free port), started once per test JVM and
 * shared by every test class that takes it as a parameter. Tests isolate themselves by creating their own tenants.
 */
public final class RunningApp implements ParameterResolver {

    public static final String ADMIN_PASSWORD = "test-admin-password";

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(RunningApp.class);


    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == App.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return extension.getRoot().getStore(NS).getOrComputeIfAbsent("app", k -> start(), App.class);
    }

    /**
     * The shared application, with the JVM's host keys ({@link HostKeyFiles}, which the service's own code made): an
     * RSA-3072 key takes a second or more of CPU to make. Where the service makes its keys in a new data directory is
     * tested by the tests that name their data directory (SshCryptoTest).
     */
    private static App start() {
        return startWith(Map.of());
    }

    /** An application of its own, with settings of the test's (limits too small for the shared one); the caller closes it. */
    public static App startWith(Map<String, Object> settings) {
        return startWith(settings, Path.of("target", "test-data", UUID.randomUUID().toString()));
    }

    /**
     * An application of its own on the given data directory (its host key and inboxes live there, and its database is
     * the one {@link TestDatabases} keeps for that directory): a second one started on the directory a first one left is
     * that application restarted.
     */
    public static App startWith(Map<String, Object> settings, Path dataDir) {
        // a test that names its data directory in the settings, or its key files, sees the service make or read them
        if (!settings.containsKey("rostersync.data-dir") && !settings.containsKey("rostersync.sftp.host-keys")) {
            HostKeyFiles.shared().copyInto(dataDir);
        }
        return launch(settings, dataDir);
    }

    private static App launch(Map<String, Object> settings, Path dataDir) {
        try {
            dataDir = Files.createDirectories(dataDir).toAbsolutePath();
            Map<String, Object> properties = new java.util.HashMap<>(Map.of(
                    "micronaut.server.port", -1,
                    "rostersync.sftp.port", 0,
                    "rostersync.bind", "127.0.0.1",
                    "micronaut.server.host", "127.0.0.1",
                    "rostersync.data-dir", dataDir.toString(),
                    "rostersync.admin-password", ADMIN_PASSWORD,
                    // tests of wrong passwords share 127.0.0.1: only the defence's own test (an app of its own) bans it
                    "rostersync.sftp.ban-after-failures", 1_000_000,
                    "rostersync.sftp.failure-delay-millis", 100,
                    // timed runs only where a test asks for them: a 02:00 run must not land in the middle of another test
                    "rostersync.schedule.enabled", false));
            // the tests' clients read as fast as they can: only the rate limit's own test (an app of its own) is limited
            properties.put("rostersync.api-rate.per-second", 1_000_000);
            properties.put("rostersync.api-rate.burst", 1_000_000);
            // tests of wrong operator passwords share 127.0.0.1 too: only the operators' defence test (an app of its own)
            // bans an address or slows its failures
            properties.put("rostersync.operator-login.ban-after-failures", 1_000_000);
            properties.put("rostersync.operator-login.failure-delay-millis", 0);
            if (!settings.containsKey("rostersync.db.url")) {
                properties.putAll(TestDatabases.shared().settingsFor(
                        Path.of(String.valueOf(settings.getOrDefault("rostersync.data-dir", dataDir)))));
            }
            properties.putAll(settings);
            EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties);
            return new App(server, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The settings ({@code rostersync.db.url}, user, password) of the database an application started on {@code dataDir}
     * gets: for a test that points a second setting at the same database (a read replica that is the primary itself).
     */
    public static Map<String, Object> databaseSettingsFor(Path dataDir) {
        return TestDatabases.shared().settingsFor(dataDir);
    }

    /**
     * An application on an embedded PostgreSQL cluster of its own under the data directory, as the service runs by
     * default: for the tests of that cluster itself (its initdb, its password, a restart on it).
     */
    public static App startOnEmbeddedDatabase(Path dataDir) {
        return startWith(Map.of("rostersync.db.url", ""), dataDir);
    }

    /** Handle to the running application, closed when the test JVM's root context closes. */
    public static final class App implements ExtensionContext.Store.CloseableResource, AutoCloseable {

        private final EmbeddedServer server;
        private final Path dataDir;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

        App(EmbeddedServer server, Path dataDir) {
            this.server = server;
            this.dataDir = dataDir;
        }

        @Override
        public void close() {
            server.close();
        }

        public ApplicationContext context() {
            return server.getApplicationContext();
        }

        public String baseUrl() {
            return "http://127.0.0.1:" + server.getPort();
        }

        public int sftpPort() {
            return context().getBean(SftpServer.class).port();
        }

        public Path dataDir() {
            return dataDir;
        }

        public Response get(String path, String user, String password) {
            return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET(), user, password);
        }

        public Response post(String path, String json, String user, String password) {
            return post(path, json, "application/json", user, password);
        }

        public Response post(String path, String body, String contentType, String user, String password) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                    .header("Content-Type", contentType)
                    .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            return send(b, user, password);
        }

        public Response put(String path, String json, String user, String password) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(json));
            return send(b, user, password);
        }

        /** PUT as the operator admin. */
        public Response adminPut(String path, String json) {
            return put(path, json, "admin", ADMIN_PASSWORD);
        }

        /** GET as the operator admin. */
        public Response adminGet(String path) {
            return get(path, "admin", ADMIN_PASSWORD);
        }

        /** POST as the operator admin. */
        public Response adminPost(String path, String json) {
            return post(path, json, "admin", ADMIN_PASSWORD);
        }

        /** DELETE as the operator admin. */
        public Response adminDelete(String path) {
            return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).DELETE(), "admin", ADMIN_PASSWORD);
        }

        private Response send(HttpRequest.Builder builder, String user, String password) {
            if (user != null) {
                builder.header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
            }
            try {
                HttpResponse<String> r = http.send(builder.timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                return new Response(r.statusCode(), r.body(), r.headers().map(), context().getBean(JsonMapper.class));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** An HTTP answer with its body parsed on demand. */
    public record Response(int status, String body, Map<String, List<String>> headers, JsonMapper json) {

        public Map<String, Object> map() {
            try {
                return json.readValue(body, Argument.mapOf(String.class, Object.class));
            } catch (IOException e) {
                throw new UncheckedIOException("not a JSON object: " + body, e);
            }
        }

        public List<Map<String, Object>> list() {
            try {
                return json.readValue(body, Argument.listOf(Argument.mapOf(String.class, Object.class)));
            } catch (IOException e) {
                throw new UncheckedIOException("not a JSON array: " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
