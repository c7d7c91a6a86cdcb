package org.rostersync.api.oneroster;

import io.micronaut.json.JsonMapper;
import org.rostersync.support.RunningApp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** HTTP calls with headers of the test's choosing (RunningApp's own calls only send HTTP Basic). */
final class Calls {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Calls() {
    }

    static RunningApp.Response get(RunningApp.App app, String pathOrUrl, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : app.baseUrl() + pathOrUrl)).GET();
        headers.forEach(b::header);
        return send(app, b);
    }

    static RunningApp.Response bearer(RunningApp.App app, String path, String token) {
        return get(app, "/ims/oneroster/v1p1" + path, Map.of("Authorization", "Bearer " + token));
    }

    static RunningApp.Response postForm(RunningApp.App app, String path, String form, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        headers.forEach(b::header);
        return send(app, b);
    }

    /** A bearer token for the client, through the token endpoint's form parameters. */
    static String token(RunningApp.App app, String clientId, String secret) {
        RunningApp.Response r = postForm(app, "/oauth/token", "grant_type=client_credentials&client_id=" + clientId
                + "&client_secret=" + secret, Map.of());
        if (r.status() != 200) {
            throw new AssertionError("no token: " + r);
        }
        return (String) r.map().get("access_token");
    }

    private static RunningApp.Response send(RunningApp.App app, HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = HTTP.send(b.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new RunningApp.Response(r.statusCode(), r.body(), r.headers().map(), app.context().getBean(JsonMapper.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
