package org.rostersync.console;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;

/** What every form of the console shares. */
final class Forms {

    private Forms() {
    }

    /** A form without this session's token: posted from elsewhere, or from a page of an ended session. */
    static HttpResponse<String> refused() {
        return Pages.secured(HttpResponse.<String>status(HttpStatus.FORBIDDEN)
                .body("This form is out of date or came from another site. Go back, reload the page and try again.")
                .contentType(MediaType.TEXT_PLAIN_TYPE));
    }
}
