package org.rostersync.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin API of a rostersync in a child JVM (the crash and stop tests'), as {@code admin}: posts, a run's status and
 * message, a run started and waited for. Its JSON is read with patterns, as those tests keep no JSON mapper of their own.
 */
public final class AdminHttp {

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private final String password;
    /** The child's output so far, for a failure's message. */
    private final Supplier<String> output;

    public AdminHttp(int port, String password, Supplier<String> output) {
        this.port = port;
        this.password = password;
        this.output = output;
    }

    public String post(String path, String json) throws Exception {
        HttpResponse<String> r = http.send(request(path).header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() / 100 == 2, path + ": " + r.statusCode() + " " + r.body());
        return r.body();
    }

    /** A run's status and message. */
    public Map<String, String> getRun(String runId) throws Exception {
        String body = http.send(request("/api/runs/" + runId).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : List.of("status", "message")) {
            Matcher m = Pattern.compile("\"" + key + "\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(body);
            out.put(key, m.find() ? m.group(1) : null);
        }
        return out;
    }

    /** Starts a run of the source and waits for it to end. */
    public Map<String, String> run(String source) throws Exception {
        String runId = id(post("/api/sources/" + source + "/runs", null));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            Map<String, String> run = getRun(runId);
            if (!List.of("queued", "running").contains(run.get("status"))) {
                return run;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + runId + " did not end:\n" + output.get());
    }

    /** The {@code id} of a JSON answer. */
    public static String id(String json) {
        Matcher m = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(json);
        assertTrue(m.find(), json);
        return m.group(1);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8)));
    }
}
