package io.github.migrationguard.strategy;

import io.github.migrationguard.heal.ChecksumHealer;
import io.github.migrationguard.heal.HealPlan;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * Step 2 of a guarded run: one look at Flyway ({@code validateWithResult()} and {@code info()}) decides what the boot
 * will heal and migrate, and stops startup, before anything is written, on every validation problem a heal would not
 * clear.
 */
final class BootPlanner {

    private final ChecksumHealer healer;

    BootPlanner(ChecksumHealer healer) {
        this.healer = healer;
    }

    /**
     * Plans the boot.
     * @param flyway the application's Flyway
     * @return the plan
     * @throws io.github.migrationguard.heal.ChecksumDriftException listing every problem, when validation refuses
     */
    BootPlan plan(Flyway flyway) {
        ValidateResult validation = flyway.validateWithResult();
        MigrationInfoService info = flyway.info();
        HealPlan heals = this.healer.plan(flyway, validation, info);
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
