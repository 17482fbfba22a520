package io.github.migrationguard.autoconfigure;

import io.github.migrationguard.strategy.GuardedMigration;
import org.flywaydb.core.Flyway;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

/**
 * The {@link FlywayMigrationStrategy} that Spring Boot's Flyway initializer calls: a {@link GuardedMigration}.
 */
class MigrationGuardStrategy implements FlywayMigrationStrategy {

    private final GuardedMigration migration;

    MigrationGuardStrategy(GuardedMigration migration) {
        this.migration = migration;
    }

    @Override
    public void migrate(Flyway flyway) {
        this.migration.migrate(flyway);
    }
}
