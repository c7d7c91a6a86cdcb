package org.rostersync.console;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.io.IOException;
import java.io.InputStream;

/**
 * The console's style sheet and its one script (the copy buttons of secrets shown once), from the jar: nothing is
 * fetched from anywhere else, and the pages' Content-Security-Policy runs no inline script.
 */
@Controller("/console/assets")
class AssetsController {

    private final byte[] css;
    private final byte[] copyScript;

    AssetsController() throws IOException {
        this.css = resource("/console/console.css");
        this.copyScript = resource("/console/copy.js");
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = AssetsController.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the jar");
            }
            return in.readAllBytes();
        }
    }

    @Get(value = "/copy.js", produces = "text/javascript")
    HttpResponse<byte[]> copyScript() {
        return HttpResponse.ok(copyScript).contentType(MediaType.of("text/javascript; charset=utf-8"))
                .header("Cache-Control", "max-age=3600");
    }

    @Get(value = "/console.css", produces = "text/css")
    HttpResponse<byte[]> css() {
        return HttpResponse.ok(css).contentType(MediaType.of("text/css; charset=utf-8")).header("Cache-Control", "max-age=3600");
    }
}
