package io.github.migrationguard.docs;

import io.github.migrationguard.strategy.GuardSettings;
import io.github.migrationguard.strategy.GuardedMigration;
import io.github.migrationguard.strategy.MigrationReport;
import io.github.migrationguard.strategy.MigrationReports;
import java.nio.file.Path;
import java.time.Clock;
import org.flywaydb.core.Flyway;

/**
 * The example of docs/architecture.md, "Using the engine without Spring Boot": a plain Flyway application guards its
 * migration with the engine alone. Compiled and run by {@link PlainFlywayUpgradeTests}.
 */
public final class PlainFlywayUpgrade {

    private PlainFlywayUpgrade() {}

    public static MigrationReport upgrade(Path database, String migrations) {
        Flyway flyway = Flyway.configure()
                .dataSource("jdbc:sqlite:" + database, null, null)
                .locations(migrations) // for example "classpath:db/migration"
                .load();
        // The settings a Spring Boot application gets by default: snapshot before pending migrations into
        // backups/ beside the database, keep 5, heal cosmetic drift, restore on failure
        GuardedMigration guard =
                new GuardedMigration(GuardSettings.defaults(), new MigrationReports(), Clock.systemUTC());
        return guard.migrate(flyway);
    }
}
