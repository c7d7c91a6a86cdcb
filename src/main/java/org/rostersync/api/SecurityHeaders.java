package org.rostersync.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Headers every answer carries, whatever made it (a controller, a filter's refusal, Micronaut's own 404): the browser
 * never guesses a type other than the one we name ({@code nosniff}), and nothing of ours is framed by another site
 * ({@code X-Frame-Options} for browsers older than CSP's {@code frame-ancestors}). Swagger UI, a page of scripts from
 * the webjar, gets a policy of its own that allows only our own files. The console's pages set their own policy.
 */
@ServerFilter("/**")
class SecurityHeaders {

    /**
     * Swagger UI's page: its scripts and styles are ours ('unsafe-inline' styles: the page's own style element and the
     * style attributes the UI renders); it fetches only our documents and posts nowhere.
     */
    static final String SWAGGER_UI_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; connect-src 'self'; font-src 'self'; frame-ancestors 'none'; form-action 'none';"
            + " base-uri 'none'";

    @ResponseFilter
    void secure(HttpRequest<?> request, MutableHttpResponse<?> response) {
        setIfAbsent(response, "X-Content-Type-Options", "nosniff");
        setIfAbsent(response, "X-Frame-Options", "DENY");
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
