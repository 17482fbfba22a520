package io.github.migrationguard.autoconfigure;

import io.github.migrationguard.actuate.MigrationGuardEndpoint;
import io.github.migrationguard.remote.RemoteSnapshots;
import io.github.migrationguard.strategy.LiveSnapshots;
import io.github.migrationguard.strategy.MigrationReports;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code migrationguard} actuator endpoint. A top-level auto-configuration rather than a
 * nested class, for the same reason as {@link MigrationGuardHealthAutoConfiguration}: its condition lives in
 * spring-boot-actuator-autoconfigure, an optional dependency.
 */
@AutoConfiguration(after = MigrationGuardAutoConfiguration.class)
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBean(LiveSnapshots.class)
@ConditionalOnAvailableEndpoint(MigrationGuardEndpoint.class)
public final class MigrationGuardEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MigrationGuardEndpoint migrationGuardEndpoint(
            MigrationReports reports,
            LiveSnapshots snapshots,
            StarterSettings settings,
            ObjectProvider<RemoteSnapshots> remoteSnapshots) {
        return new MigrationGuardEndpoint(
                reports,
                snapshots,
                settings.guard().snapshot().keep(),
                EffectiveSettings.of(settings),
                remoteSnapshots.getIfAvailable());
    }
}
