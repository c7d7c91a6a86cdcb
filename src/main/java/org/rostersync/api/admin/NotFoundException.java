package org.rostersync.api.admin;

/** An id in the path names nothing: answered with 404 and a JSON message. */
class NotFoundException extends RuntimeException {

    NotFoundException(String what, Object id) {
        super(what + " " + id + " not found");
    }
}
