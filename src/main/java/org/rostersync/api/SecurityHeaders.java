package org.rostersync.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.util.HttpHostResolver;

/**
 * Headers every answer carries, whatever made it (a controller, a filter's refusal, Micronaut's own 404): the browser
 * never guesses a type other than the one we name ({@code nosniff}), and nothing of ours is framed by another site
 * ({@code X-Frame-Options} for browsers older than CSP's {@code frame-ancestors}). Swagger UI, a page of scripts from
 * the webjar, gets a policy of its own that allows only our own files. The console's pages set their own policy. An
 * answer over HTTPS, ours or a trusted proxy's ({@code api.oneroster.ForwardedOrigin} says which), tells the browser to
 * use only HTTPS for a year (HSTS), so that no later visit starts in clear text where it could be downgraded.
 */
@ServerFilter("/**")
class SecurityHeaders {

    static final String HSTS = "max-age=31536000";

    /**
     * Swagger UI's page: its scripts and styles are ours ('unsafe-inline' styles: the page's own style element and the
     * style attributes the UI renders); it fetches only our documents and posts nowhere.
     */
    static final String SWAGGER_UI_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; connect-src 'self'; font-src 'self'; frame-ancestors 'none'; form-action 'none';"
            + " base-uri 'none'";

    private final HttpHostResolver origins;

    SecurityHeaders(HttpHostResolver origins) {
        this.origins = origins;
    }

    @ResponseFilter
    void secure(HttpRequest<?> request, MutableHttpResponse<?> response) {
        setIfAbsent(response, "X-Content-Type-Options", "nosniff");
        setIfAbsent(response, "X-Frame-Options", "DENY");
        if (origins.resolve(request).startsWith("https://")) {
            setIfAbsent(response, "Strict-Transport-Security", HSTS);
        }
        String path = request.getPath();
        if (path.equals("/openapi/ui") || path.startsWith("/openapi/ui/")) {
            setIfAbsent(response, "Content-Security-Policy", SWAGGER_UI_POLICY);
        }
    }

    private static void setIfAbsent(MutableHttpResponse<?> response, String name, String value) {
        if (!response.getHeaders().contains(name)) {
            response.header(name, value);
        }
    }
}
