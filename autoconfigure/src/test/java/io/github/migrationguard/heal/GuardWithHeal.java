package io.github.migrationguard.heal;

import io.github.migrationguard.snapshot.SnapshotSettings;
import io.github.migrationguard.strategy.GuardSettings;
import io.github.migrationguard.strategy.GuardedMigration;
import io.github.migrationguard.strategy.MigrationReports;
import java.time.Clock;

/**
 * A {@link GuardedMigration} with default snapshot settings and the given self-heal settings.
 */
final class GuardWithHeal {

    private GuardWithHeal() {}

    static GuardedMigration of(HealSettings heal) {
        GuardSettings settings = new GuardSettings(new SnapshotSettings(null, null, null, 0, null), heal);
        return new GuardedMigration(settings, new MigrationReports(), Clock.systemUTC());
    }
}
