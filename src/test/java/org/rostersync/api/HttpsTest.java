package org.rostersync.api;

import ch.qos.logback.classic.Level;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rostersync.support.CapturedLog;
import org.rostersync.support.Failures;
import org.rostersync.support.RunningApp;
import org.rostersync.support.Sftp;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTPS from a PEM certificate and key that the test makes with openssl (a self-signed certificate for 127.0.0.1), read
 * through curl and through Java's HTTP client, each trusting that certificate alone; plain HTTP beyond loopback warned
 * about at start.
 */
class HttpsTest {

    @TempDir
    static Path dir;

    private static Path cert;
    private static Path key;

    @BeforeAll
    static void makeCertificate() throws Exception {
        Sftp.requireTool("openssl", "openssl");
        cert = dir.resolve("cert.pem");
        key = dir.resolve("key.pem");
        run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=rostersync test",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"));
    }

    @Test
    void withACertificateAndKeyTheHttpPortServesHttpsWithHstsToCurlAndJava() throws Exception {
        Sftp.requireTool("curl", "curl");
        try (CapturedLog log = CapturedLog.of(PlainHttpWarning.class);
             RunningApp.App app = RunningApp.startWith(Map.of("rostersync.tls.cert", cert.toString(),
                     "rostersync.tls.key", key.toString(), "micronaut.server.host", "0.0.0.0"))) {
            int port = app.context().getBean(EmbeddedServer.class).getPort();
            String url = "https://127.0.0.1:" + port + "/health";

            String curl = run(List.of("curl", "-sS", "--cacert", cert.toString(), "-D", "-", url));
            assertTrue(curl.startsWith("HTTP/1.1 200") || curl.startsWith("HTTP/2 200"), curl);
            assertTrue(curl.toLowerCase().contains("strict-transport-security: " + SecurityHeaders.HSTS), curl);
            assertTrue(curl.contains("\"status\":\"UP\""), curl);

            HttpResponse<String> java = trusting(cert).send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, java.statusCode(), java.body());
            assertEquals(SecurityHeaders.HSTS, java.headers().firstValue("Strict-Transport-Security").orElse(null));
            assertTrue(java.body().contains("\"database\":\"UP\""), java.body());

            // the port speaks HTTPS alone: a plain request gets no answer of ours, and a client that does not trust the
            // certificate refuses it
            assertThrows(IOException.class, () -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()));
            assertThrows(IOException.class, () -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()));
            assertEquals(List.of(), log.events(), "no warning about plain HTTP when HTTPS is served on every address");
        }
    }

    @Test
    void plainHttpOnEveryAddressIsWarnedAboutAtStartAndLoopbackIsNot() {
        try (CapturedLog log = CapturedLog.of(PlainHttpWarning.class);
             RunningApp.App app = RunningApp.startWith(Map.of("micronaut.server.host", "0.0.0.0"))) {
            assertEquals(1, log.events().size(), log.events().toString());
            assertEquals(Level.WARN, log.events().get(0).getLevel());
            String said = log.events().get(0).getFormattedMessage();
            assertTrue(said.contains("0.0.0.0") && said.contains("plain HTTP") && said.contains("ROSTERSYNC_TLS_CERT"), said);
            // over plain HTTP, no HSTS: a browser would ignore it, and it would promise what the port does not do
            assertEquals(null, app.get("/health", null, null).header("Strict-Transport-Security"));
        }
        assertTrue(PlainHttpWarning.loopback("127.0.0.1"));
        assertTrue(PlainHttpWarning.loopback("::1"));
        assertTrue(!PlainHttpWarning.loopback("0.0.0.0") && !PlainHttpWarning.loopback(""));
    }

    @Test
    void aCertificateWithoutItsKeyOrAnUnreadableOneStopsStartupNamingTheSetting() {
        RuntimeException alone = assertThrows(RuntimeException.class,
                () -> RunningApp.startWith(Map.of("rostersync.tls.cert", cert.toString())).close());
        assertTrue(Failures.messages(alone).contains("ROSTERSYNC_TLS_KEY"), Failures.messages(alone));
        RuntimeException missing = assertThrows(RuntimeException.class, () -> RunningApp.startWith(Map.of(
                "rostersync.tls.cert", dir.resolve("nowhere.pem").toString(), "rostersync.tls.key", key.toString())).close());
        assertTrue(Failures.messages(missing).contains("ROSTERSYNC_TLS_CERT") && Failures.messages(missing).contains("nowhere.pem"), Failures.messages(missing));
    }

    /** Java's HTTP client trusting the one certificate (and checking its name, as for any other). */
    static HttpClient trusting(Path certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trust.setCertificateEntry("rostersync", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + out);
        return out;
    }
}
