package org.rostersync.api;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * A test seam, only on the tests' class path: a route that fails as an unforeseen database error would, so that the
 * test can see what a 500 answers. Outside /api and /ims: the route checks of the OpenAPI documents do not see it.
 */
@Controller(FailingRoute.PATH)
class FailingRoute {

    static final String PATH = "/test-seams/failure";
    static final String SECRET = "ERROR: invalid byte sequence for encoding \"UTF8\": 0x00";

    @Get
    String fail() {
        throw new IllegalStateException(SECRET);
    }
}
