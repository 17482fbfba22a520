package io.github.migrationguard.docs;

import io.github.migrationguard.strategy.GuardedMigration;
import io.github.migrationguard.strategy.MigrationReport;
import org.flywaydb.core.Flyway;

/**
 * The example of docs/getting-started.md, "Which setups are guarded": an application that migrates from its own code
 * at a moment of its choosing calls the starter's {@link GuardedMigration} bean instead of {@code flyway.migrate()}.
 * Compiled, and run by the auto-configuration tests, so that the documented code keeps working.
 */
public class SchemaUpgrade {

    private final Flyway flyway;

    private final GuardedMigration guardedMigration;

    public SchemaUpgrade(Flyway flyway, GuardedMigration guardedMigration) {
        this.flyway = flyway;
        this.guardedMigration = guardedMigration;
    }

    public MigrationReport upgrade() {
        // instead of this.flyway.migrate(): snapshot, restore on failure, recorded for health, metrics and endpoint
        return this.guardedMigration.migrate(this.flyway);
    }
}
