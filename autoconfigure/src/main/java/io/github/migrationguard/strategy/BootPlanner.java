package io.github.migrationguard.strategy;

import io.github.migrationguard.heal.HealPlan;
import io.github.migrationguard.heal.SelfHeal;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;

/**
 * Step 2 of a guarded run: one look at Flyway ({@code info()}, and {@code validateWithResult()} only when the info shows
 * a migration that might not validate) decides what the boot will heal and migrate, and stops startup, before anything
 * is written, on every validation problem a heal would not clear. Each Flyway command logs Flyway's banner again, so a
 * healthy boot asks Flyway once before its migrate, and the guard quiets that look ({@link FlywayLogs}).
 */
final class BootPlanner {

    private final SelfHeal healer;

    BootPlanner(SelfHeal healer) {
        this.healer = healer;
    }

    /**
     * Plans the boot.
     * @param flyway the application's Flyway
     * @return the plan
     * @throws io.github.migrationguard.heal.ChecksumDriftException listing every problem, when validation refuses
     */
    BootPlan plan(Flyway flyway) {
        MigrationInfoService info = flyway.info();
        HealPlan heals = this.healer.plan(flyway, info);
        heals.requireNoProblems();
        return new BootPlan(info, PendingMigrations.of(info), heals);
    }

    /**
     * Looks at the migrations without planning heals or refusing anything, for a boot whose own migrate step (the
     * application's strategy) deals with the schema history itself.
     * @param flyway the application's Flyway
     * @return a plan with nothing to heal
     */
    BootPlan look(Flyway flyway) {
        MigrationInfoService info = flyway.info();
        return new BootPlan(info, PendingMigrations.of(info), HealPlan.nothing());
    }
}
