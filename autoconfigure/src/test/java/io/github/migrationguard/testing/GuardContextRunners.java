package io.github.migrationguard.testing;

import io.github.migrationguard.autoconfigure.MigrationGuardAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Context runners for an application the way SQLite apps run: DataSource, Flyway and migration-guard
 * auto-configurations, a SQLite file and a Hikari pool of one connection.
 */
public final class GuardContextRunners {

    private GuardContextRunners() {}

    /**
     * Returns a runner for a SQLite file with migrations at a Flyway location.
     * @param database the database file, optionally followed by SQLite URL parameters ({@code ?journal_mode=WAL})
     * @param location the Flyway location, for example {@code filesystem:/tmp/migrations}
     * @return the runner
     */
    public static ApplicationContextRunner sqlite(String database, String location) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        DataSourceAutoConfiguration.class,
                        FlywayAutoConfiguration.class,
                        MigrationGuardAutoConfiguration.class))
                .withPropertyValues(
                        "spring.datasource.url=jdbc:sqlite:" + database,
                        "spring.flyway.locations=" + location,
                        "spring.datasource.hikari.maximum-pool-size=1",
                        // A second pooled connection is never needed: waiting for one fails the test fast
                        "spring.datasource.hikari.connection-timeout=2000");
    }
}
