package org.rostersync.api.admin;

/** What was asked for existed and was removed on purpose (a run's archive past its keeping time): 410. */
class GoneException extends RuntimeException {

    GoneException(String message) {
        super(message);
    }
}
