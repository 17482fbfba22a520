package io.github.migrationguard.autoconfigure;

import io.github.migrationguard.actuate.MigrationGuardMetrics;
import io.github.migrationguard.actuate.MigrationGuardRemoteMetrics;
import io.github.migrationguard.remote.RemoteActivity;
import io.github.migrationguard.remote.RemoteCopies;
import io.github.migrationguard.remote.RemoteSnapshots;
import io.github.migrationguard.snapshot.SnapshotException;
import io.github.migrationguard.strategy.GuardedMigration;
import io.github.migrationguard.strategy.LiveSnapshots;
import io.github.migrationguard.strategy.MigrationReports;
import io.github.migrationguard.strategy.OffMachineCopies;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportRuntimeHints;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Auto-configuration for migration-guard: guards Spring Boot's Flyway migration with snapshots, self-heal and restore.
 * An application's own {@code FlywayMigrationStrategy} runs inside the guard, and its own {@code Flyway} bean with
 * {@code initMethod = "migrate"} is migrated through the guard; startup says so when neither reaches a migration.
 */
@AutoConfiguration(
        after = FlywayAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass({Flyway.class, FlywayMigrationStrategy.class})
@ConditionalOnBean(Flyway.class)
@ConditionalOnBooleanProperty(name = "migration-guard.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MigrationGuardProperties.class)
@ImportRuntimeHints(MigrationGuardRuntimeHints.class)
public final class MigrationGuardAutoConfiguration {

    // Every setting, converted and checked once; internal, so not a bean users replace: they set properties
    @Bean
    StarterSettings migrationGuardSettings(MigrationGuardProperties properties, ApplicationContext context) {
        return new GuardSettingsFactory(properties, context.getClassLoader()).create();
    }

    // Internal state the strategy publishes to and health, metrics and the endpoint read: not a bean users replace
    @Bean
    MigrationReports migrationGuardReports() {
        return new MigrationReports();
    }

    // A large snapshot is verified while the application runs: closing the context waits for it to settle, so a
    // graceful shutdown never leaves a verified copy without its final name
    @Bean(destroyMethod = "awaitSnapshot")
    @ConditionalOnMissingBean
    GuardedMigration guardedMigration(
            StarterSettings settings,
            MigrationReports reports,
            ObjectProvider<OffMachineCopies> offMachineCopies,
            ObjectProvider<LoggingSystem> loggingSystem) {
        return new GuardedMigration(
                settings.guard(),
                reports,
                Clock.systemUTC(),
                offMachineCopies.getIfAvailable(() -> OffMachineCopies.NONE),
                new QuietFlywayLogs(loggingSystem.getIfAvailable(
                        () -> LoggingSystem.get(MigrationGuardAutoConfiguration.class.getClassLoader()))));
    }

    @Bean
    @ConditionalOnMissingBean(FlywayMigrationStrategy.class)
    MigrationGuardStrategy migrationGuardStrategy(GuardedMigration guardedMigration) {
        return new MigrationGuardStrategy(guardedMigration);
    }

    @Bean
    static GuardedStrategies migrationGuardApplicationStrategies(ObjectProvider<GuardedMigration> guardedMigration) {
        return new GuardedStrategies(guardedMigration);
    }

    @Bean
    static GuardedFlywayInitMethods migrationGuardFlywayInitMethods() {
        return new GuardedFlywayInitMethods();
    }

    @Bean
    UnguardedMigrationCheck migrationGuardUnguardedMigrationCheck(
            ConfigurableListableBeanFactory beanFactory, MigrationReports reports) {
        return new UnguardedMigrationCheck(beanFactory, reports);
    }

    @Bean
    @ConditionalOnMissingBean
    LiveSnapshots migrationGuardLiveSnapshots(Flyway flyway, StarterSettings settings, MigrationReports reports) {
        LiveSnapshots snapshots = new LiveSnapshots(
                flyway.getConfiguration().getDataSource(),
                settings.guard()
                        .snapshot()
                        .withFlywayTable(flyway.getConfiguration().getTable()),
                reports,
                Clock.systemUTC());
        try {
            // Ask the pool where the file is now, before the application serves anything: from then on snapshots,
            // health and metrics use connections of their own and never wait for the application's pool
            snapshots.database();
        } catch (SnapshotException ex) {
            // Asked again at first use, when the database can be reached
        }
        return snapshots;
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(OnPropertyTextCondition.OnScheduleCron.class)
    static class ScheduleConfiguration {

        @Bean
        @ConditionalOnMissingBean
        SnapshotSchedule migrationGuardSnapshotSchedule(LiveSnapshots snapshots, StarterSettings settings) {
            StarterSettings.Schedule schedule = settings.schedule();
            // The condition matched, so the cron has text
            return new SnapshotSchedule(snapshots, Objects.requireNonNull(schedule.cron()), schedule.keep());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = RemoteConfiguration.S3_CLIENT)
    @Conditional(OnPropertyTextCondition.OnRemoteUri.class)
    static class RemoteConfiguration {

        static final String S3_CLIENT = "software.amazon.awssdk.services.s3.S3Client";

        @Bean
        OffMachineStorage migrationGuardOffMachineStorage(
                StarterSettings settings,
                MigrationReports reports,
                LiveSnapshots liveSnapshots,
                ObjectProvider<S3Client> applicationClient) {
            return new OffMachineStorage(
                    applicationClient.getIfUnique(),
                    settings.remoteConnection(),
                    settings.remote(),
                    reports,
                    liveSnapshots);
        }

        @Bean
        RemoteCopies migrationGuardRemoteCopies(OffMachineStorage storage) {
            return storage.copies();
        }

        @Bean
        RemoteSnapshots migrationGuardRemoteSnapshots(OffMachineStorage storage) {
            return storage.snapshots();
        }

        @Bean
        RemoteActivity migrationGuardRemoteActivity(OffMachineStorage storage) {
            return storage.activity();
        }

        @Bean
        OffMachineCopies migrationGuardOffMachineCopies(OffMachineStorage storage) {
            return storage.offMachineCopies();
        }

        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(MeterBinder.class)
        @ConditionalOnBean(MeterRegistry.class)
        static class RemoteMetricsConfiguration {

            @Bean
            @ConditionalOnMissingBean
            MigrationGuardRemoteMetrics migrationGuardRemoteMetrics(RemoteActivity activity, StarterSettings settings) {
                return new MigrationGuardRemoteMetrics(
                        activity, settings.remote().labels());
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass(RemoteConfiguration.S3_CLIENT)
    @Conditional(OnPropertyTextCondition.OnRemoteUri.class)
    static class MissingSdkConfiguration {

        @Bean
        OffMachineCopies migrationGuardOffMachineCopies(StarterSettings settings) {
            throw new RemoteSdkMissingException(String.valueOf(settings.remote().location()));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterBinder.class)
    @ConditionalOnBean(MeterRegistry.class)
    static class MetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        MigrationGuardMetrics migrationGuardMetrics(MigrationReports reports, LiveSnapshots snapshots) {
            return new MigrationGuardMetrics(reports, snapshots);
        }
    }
}
