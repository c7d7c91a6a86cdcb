package org.rostersync.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Operators' API tokens in tests: made as an operator makes one (on its account page), and calls carrying one. */
public final class Tokens {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Tokens() {
    }

    /** Makes a token on the signed-in operator's account page and returns it, read from the page that shows it once. */
    public static String make(Console console, String name) {
        String csrf = console.get("/console/account").csrf();
        Console.Page page = console.post("/console/account/tokens", Map.of("_csrf", csrf, "tokenName", name));
        Matcher m = Pattern.compile("id=\"new-token\">([^<]+)<").matcher(page.body());
        if (page.status() != 200 || !m.find()) {
            throw new AssertionError("no token shown: " + page.status() + " " + page.body());
        }
        return m.group(1);
    }

    /** A call to the app with {@code Authorization: Bearer <token>} (none when null); a body is sent as JSON. */
    public static RunningApp.Response call(RunningApp.App app, String method, String path, String body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new RunningApp.Response(r.statusCode(), r.body(), r.headers().map(),
                    app.context().getBean(io.micronaut.json.JsonMapper.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
