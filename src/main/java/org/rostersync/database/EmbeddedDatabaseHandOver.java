package org.rostersync.database;

import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;

/**
 * Once the server has started, Micronaut's shutdown hook closes the context, and the context closes the database server
 * after every bean that uses it: the embedded PostgreSQL's own stop at exit is then no longer needed.
 */
@Singleton
class EmbeddedDatabaseHandOver {

    private final DatabaseServer server;

    EmbeddedDatabaseHandOver(DatabaseServer server) {
        this.server = server;
    }

    @EventListener
    void onServerStarted(ServerStartupEvent event) {
        server.handOver();
    }
}
