package org.rostersync.database;

import java.io.IOException;

/** Where the database is; owns the embedded server when there is one, and stops it last. */
record DatabaseServer(String url, String user, String password, EmbeddedDatabase embedded) implements AutoCloseable {

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
