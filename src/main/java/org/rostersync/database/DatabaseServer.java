package org.rostersync.database;

import java.io.IOException;

/** Where the database is; owns the embedded server when there is one, and stops it last. */
record DatabaseServer(String url, String user, String password, EmbeddedDatabase embedded) implements AutoCloseable {

    /** Never the password: this may end up in a log. */
    @Override
    public String toString() {
        return "DatabaseServer[" + url + " as " + user + "]";
    }

    /** The application has started: from now on its stop closes this (see {@link EmbeddedDatabase#handOver()}). */
    void handOver() {
        if (embedded != null) {
            embedded.handOver();
        }
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
