package io.github.migrationguard.testing;

import io.github.migrationguard.autoconfigure.MigrationGuardEndpointAutoConfiguration;
import io.github.migrationguard.autoconfigure.MigrationGuardHealthAutoConfiguration;
import java.nio.file.Path;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A real application in a temporary directory: a SQLite file already at version 1, migrations on the file system,
 * and an {@link ApplicationContextRunner} like {@link GuardContextRunners#sqlite} plus health and endpoint.
 */
public final class GuardedApplication {

    private final Path dir;

    private final Migrations migrations;

    /**
     * Creates the database at version 1 and a pending version 2.
     * @param dir the temporary directory
     */
    public GuardedApplication(Path dir) {
        this.dir = dir;
        this.migrations = new Migrations(dir.resolve("migrations"))
                .add("V1__author.sql", "CREATE TABLE author (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n");
        this.migrations.flyway(TestDatabases.wal(database())).migrate();
        this.migrations.add(
                "V2__book.sql",
                "CREATE TABLE book (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES author(id));\n");
    }

    public Path database() {
        return this.dir.resolve("app.db");
    }

    public Path backups() {
        return this.dir.resolve("backups");
    }

    public Migrations migrations() {
        return this.migrations;
    }

    /**
     * Returns a runner for the application, with the given auto-configurations added.
     * @param more further auto-configuration classes
     * @return the runner
     */
    public ApplicationContextRunner runner(Class<?>... more) {
        return GuardContextRunners.sqlite(database().toString(), this.migrations.location())
                .withConfiguration(AutoConfigurations.of(
                        MigrationGuardHealthAutoConfiguration.class, MigrationGuardEndpointAutoConfiguration.class))
                .withConfiguration(AutoConfigurations.of(more));
    }
}
