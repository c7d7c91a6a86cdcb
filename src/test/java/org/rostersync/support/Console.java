package org.rostersync.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The console as a plain HTTP client sees it: one operator's cookie, forms posted as a browser posts them (with the
 * page's token, from our own origin unless told otherwise), redirects not followed so that tests see them.
 */
public final class Console {

    private final RunningApp.App app;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private String cookie;

    public Console(RunningApp.App app) {
        this.app = app;
    }

    /** Makes an operator through the admin API. @param tenantId null for an admin */
    public static void createOperator(RunningApp.App app, String username, String password, java.util.UUID tenantId) {
        String body = "{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"role\":\""
                + (tenantId == null ? "admin" : "tenant_operator") + "\"" + (tenantId == null ? "" : ",\"tenantId\":\"" + tenantId + "\"") + "}";
        RunningApp.Response r = app.adminPost("/api/operators", body);
        if (r.status() != 201) {
            throw new AssertionError("could not make operator " + username + ": " + r);
        }
    }

    /** A new operator of the tenant (null: an admin), signed in to a console of its own. */
    public static Console signedInAsNewOperator(RunningApp.App app, String username, String password, java.util.UUID tenantId) {
        createOperator(app, username, password, tenantId);
        Console console = new Console(app);
        console.signIn(username, password);
        return console;
    }

    public record Page(int status, String body, Map<String, java.util.List<String>> headers) {
        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0));
        }

        /** The value of the hidden form token on this page. */
        public String csrf() {
            Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(body);
            if (!m.find()) {
                throw new AssertionError("no form token on the page: " + body);
            }
            return m.group(1);
        }
    }

    public Page get(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).GET();
        return send(b);
    }

    public Page post(String path, Map<String, String> form) {
        return post(path, form, app.baseUrl());
    }

    public Page post(String path, Map<String, String> form, String origin) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return send(b);
    }

    /** Signs in through the form; keeps the session cookie when it is given. */
    public Page signIn(String username, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", username);
        form.put("password", password);
        form.put("next", "/console");
        return post("/console/login", form);
    }

    public String cookie() {
        return cookie;
    }

    private Page send(HttpRequest.Builder b) {
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        try {
            HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            r.headers().firstValue("Set-Cookie").ifPresent(set -> {
                String pair = set.split(";", 2)[0];
                cookie = pair.endsWith("=") ? null : pair;
            });
            return new Page(r.statusCode(), r.body(), r.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
