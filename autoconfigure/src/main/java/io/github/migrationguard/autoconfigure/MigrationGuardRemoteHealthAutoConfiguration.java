package io.github.migrationguard.autoconfigure;

import io.github.migrationguard.actuate.MigrationGuardRemoteHealthIndicator;
import io.github.migrationguard.remote.RemoteActivity;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code migrationGuardRemote} health indicator, separate from {@code migrationGuard} so
 * that users decide whether the bucket belongs in their readiness group.
 */
@AutoConfiguration(after = MigrationGuardAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(RemoteActivity.class)
@ConditionalOnEnabledHealthIndicator("migrationguardremote")
public final class MigrationGuardRemoteHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "migrationGuardRemoteHealthIndicator")
    MigrationGuardRemoteHealthIndicator migrationGuardRemoteHealthIndicator(RemoteActivity activity) {
        return new MigrationGuardRemoteHealthIndicator(activity);
    }
}
