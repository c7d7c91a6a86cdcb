package org.rostersync.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.flywaydb.core.Flyway;
import org.rostersync.config.DatabaseConfig;
import org.rostersync.config.RostersyncConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;

/** Builds the one pool every store shares, after the schema is migrated. */
@Factory
class DataSourceFactory {

    private static final Logger LOG = LoggerFactory.getLogger(DataSourceFactory.class);

    @Singleton
    @Bean(preDestroy = "close")
    DatabaseServer databaseServer(DatabaseConfig db, RostersyncConfig config) {
        if (db.isExternal()) {
            LOG.info("Using PostgreSQL at {}", db.url());
            return new DatabaseServer(db.url(), db.user(), db.password(), null);
        }
        EmbeddedDatabase embedded = EmbeddedDatabase.start(config.dataPath());
        LOG.info("Started embedded PostgreSQL 15 at {} with data in {}", embedded.jdbcUrl(), config.dataPath().resolve("postgres-15"));
        return new DatabaseServer(embedded.jdbcUrl(), "postgres", embedded.password(), embedded);
    }

    @Singleton
    @Bean(preDestroy = "close")
    HikariDataSource dataSource(DatabaseServer server, DatabaseConfig db, io.micrometer.core.instrument.MeterRegistry registry) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(server.url());
        hikari.setUsername(server.user());
        hikari.setPassword(server.password());
        hikari.setMaximumPoolSize(db.maxPoolSize());
        hikari.setPoolName("rostersync");
        // Hikari's own meters (hikaricp_connections_active, _pending, _usage, ...), tagged pool="rostersync"
        hikari.setMetricsTrackerFactory(new com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory(registry));
        HikariDataSource dataSource = new HikariDataSource(hikari);
        migrate(dataSource);
        return dataSource;
    }

    /**
     * The read replica's pool, smaller than the primary's (only the OneRoster API's roster reads use it), with meters of
     * its own (pool="rostersync-replica"). It starts empty ({@code initializationFailTimeout} -1) and waits a second at
     * most for a connection: a replica that is down must neither stop the start nor hold up a read for long.
     */
    @Context
    @Bean(preDestroy = "close")
    ReadReplica readReplica(DatabaseConfig db, io.micrometer.core.instrument.MeterRegistry registry) {
        if (!db.hasReadReplica()) {
            return ReadReplica.none();
        }
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(db.readUrl());
        hikari.setUsername(db.readUserOrPrimary());
        hikari.setPassword(db.readPasswordOrPrimary());
        hikari.setMaximumPoolSize(Math.max(2, db.maxPoolSize() / 2));
        hikari.setPoolName("rostersync-replica");
        hikari.setInitializationFailTimeout(-1);
        hikari.setConnectionTimeout(1000);
        hikari.setValidationTimeout(500);
        hikari.addDataSourceProperty("connectTimeout", "2");
        // a replica that stops answering mid-read (stopped, cut off) fails the read, which goes to the primary, instead
        // of holding it until TCP gives up; long enough for the heaviest page a request reads
        hikari.addDataSourceProperty("socketTimeout", Integer.toString(db.readTimeoutSeconds()));
        hikari.setMetricsTrackerFactory(new com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory(registry));
        ReadReplica replica = new ReadReplica(new HikariDataSource(hikari), db.readUrl());
        replica.check();
        return replica;
    }

    private static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }
}
