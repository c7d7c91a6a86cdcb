package org.rostersync.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.annotation.Bean;
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

    private static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }
}
