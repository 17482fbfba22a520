package io.github.migrationguard.strategy;

import io.github.migrationguard.heal.HealPlan;
import org.flywaydb.core.api.MigrationInfoService;

/**
 * What this boot will change, decided from one look at Flyway before anything is written.
 *
 * @param info Flyway's migrations as they were before the boot
 * @param pending the pending migrations
 * @param heals the heals to carry out after the snapshot
 */
record BootPlan(MigrationInfoService info, PendingMigrations pending, HealPlan heals) {

    /**
     * Whether the boot will write to the database: migrations to apply or checksums to heal.
     * @return whether it writes
     */
    boolean writes() {
        return this.pending.count() > 0 || this.heals.writes();
    }
}
