package io.github.migrationguard.autoconfigure;

import io.github.migrationguard.strategy.GuardSettings;
import io.github.migrationguard.strategy.GuardedMigration;
import io.github.migrationguard.strategy.MigrationGuardStrategy;
import io.github.migrationguard.strategy.MigrationReports;
import java.time.Clock;
import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for migration-guard: guards Spring Boot's Flyway migration with snapshots, self-heal and restore.
 */
@AutoConfiguration(after = FlywayAutoConfiguration.class)
@ConditionalOnClass({Flyway.class, FlywayMigrationStrategy.class})
@ConditionalOnBean(Flyway.class)
@ConditionalOnBooleanProperty(name = "migration-guard.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MigrationGuardProperties.class)
public final class MigrationGuardAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MigrationReports migrationGuardReports() {
        return new MigrationReports();
    }

    @Bean
    @ConditionalOnMissingBean
    GuardedMigration guardedMigration(MigrationGuardProperties properties, MigrationReports reports) {
        GuardSettings settings = new GuardSettingsFactory(properties).create();
        return new GuardedMigration(settings, reports, Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean(FlywayMigrationStrategy.class)
    MigrationGuardStrategy migrationGuardStrategy(GuardedMigration guardedMigration) {
        return new MigrationGuardStrategy(guardedMigration);
    }
}
