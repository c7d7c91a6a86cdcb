package org.rostersync.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;

/**
 * Renders the console's templates (compiled to classes at build time) into responses that browsers may neither cache,
 * frame, nor run anything in but our own files.
 */
@Singleton
class Pages {

    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);

    /** @param template the name under src/main/jte, such as {@code console/dashboard.jte} */
    MutableHttpResponse<String> render(HttpStatus status, String template, Object page) {
        StringOutput out = new StringOutput();
        templates.render(template, page, out);
        return secured(HttpResponse.<String>status(status).body(out.toString()).contentType(MediaType.TEXT_HTML_TYPE));
    }

    MutableHttpResponse<String> render(String template, Object page) {
        return render(HttpStatus.OK, template, page);
    }

    /** Where a form sends the browser once it has done its work (303: the next page is fetched with GET). */
    static MutableHttpResponse<Object> seeOther(String path) {
        return secured(HttpResponse.seeOther(java.net.URI.create(path)));
    }

    static <T> MutableHttpResponse<T> secured(MutableHttpResponse<T> response) {
        return response
                .header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin")
                .header("Cache-Control", "no-store");
    }
}
