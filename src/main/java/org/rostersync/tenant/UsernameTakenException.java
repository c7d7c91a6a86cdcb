package org.rostersync.tenant;

/** An SFTP username must be unique across every source of every tenant. */
public class UsernameTakenException extends RuntimeException {

    public UsernameTakenException(String username) {
        super("the SFTP username '" + username + "' is already in use");
    }
}
