package io.github.migrationguard.autoconfigure;

import io.github.migrationguard.actuate.MigrationGuardHealthIndicator;
import io.github.migrationguard.strategy.LiveSnapshots;
import io.github.migrationguard.strategy.MigrationReports;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code migrationGuard} health indicator. A top-level auto-configuration rather than a
 * nested class: {@code @ConditionalOnEnabledHealthIndicator} names a condition class of spring-boot-health, which
 * must not be loaded when that module is absent; only the auto-configuration import filter skips a class early enough.
 */
@AutoConfiguration(after = MigrationGuardAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(LiveSnapshots.class)
@ConditionalOnEnabledHealthIndicator("migrationguard")
public final class MigrationGuardHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = {"migrationGuardHealthIndicator", "migrationGuardHealthContributor"})
    MigrationGuardHealthIndicator migrationGuardHealthIndicator(
            MigrationReports reports, LiveSnapshots snapshots, StarterSettings settings) {
        return new MigrationGuardHealthIndicator(
                reports, snapshots, settings.guard().snapshot().on(), settings.healthMinFreeSpaceBytes());
    }
}
