package org.rostersync.tenant;

/** An SFTP username must be unique across every source of every tenant; {@code field} names it in the request. */
public class UsernameTakenException extends RuntimeException {

    private final String field;

    public UsernameTakenException(String username, String field) {
        super("the SFTP username '" + username + "' is already in use");
        this.field = field;
    }

    public String field() {
        return field;
    }
}
