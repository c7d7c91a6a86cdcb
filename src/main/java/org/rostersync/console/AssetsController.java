package org.rostersync.console;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.io.IOException;
import java.io.InputStream;

/** The console's style sheet, from the jar: nothing is fetched from anywhere else. */
@Controller("/console/assets")
class AssetsController {

    private final byte[] css;

    AssetsController() throws IOException {
        try (InputStream in = AssetsController.class.getResourceAsStream("/console/console.css")) {
            if (in == null) {
                throw new IllegalStateException("console/console.css is missing from the jar");
            }
            this.css = in.readAllBytes();
        }
    }

    @Get(value = "/console.css", produces = "text/css")
    HttpResponse<byte[]> css() {
        return HttpResponse.ok(css).contentType(MediaType.of("text/css; charset=utf-8")).header("Cache-Control", "max-age=3600");
    }
}
