package io.github.migrationguard.autoconfigure;

import io.github.migrationguard.actuate.MigrationGuardMetrics;
import io.github.migrationguard.actuate.MigrationGuardRemoteMetrics;
import io.github.migrationguard.lint.MigrationLint;
import io.github.migrationguard.remote.RemoteCopies;
import io.github.migrationguard.remote.RemoteSettings;
import io.github.migrationguard.remote.RemoteSnapshots;
import io.github.migrationguard.snapshot.SnapshotException;
import io.github.migrationguard.strategy.GuardSettings;
import io.github.migrationguard.strategy.GuardedMigration;
import io.github.migrationguard.strategy.LiveSnapshots;
import io.github.migrationguard.strategy.MigrationGuardStrategy;
import io.github.migrationguard.strategy.MigrationReports;
import io.github.migrationguard.strategy.OffMachineCopies;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
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
            MigrationGuardProperties properties,
            MigrationReports reports,
            ObjectProvider<OffMachineCopies> offMachineCopies,
            ObjectProvider<LoggingSystem> loggingSystem) {
        GuardSettingsFactory factory = new GuardSettingsFactory(properties);
        GuardSettings settings = factory.create();
        return new GuardedMigration(
                settings,
                reports,
                Clock.systemUTC(),
                new MigrationLint(factory.lintSettings()),
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
    LiveSnapshots migrationGuardLiveSnapshots(
            Flyway flyway, MigrationGuardProperties properties, MigrationReports reports) {
        LiveSnapshots snapshots = new LiveSnapshots(
                flyway.getConfiguration().getDataSource(),
                new GuardSettingsFactory(properties)
                        .snapshotSettings()
                        .withHistoryTable(flyway.getConfiguration().getTable()),
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
    @Conditional(OnScheduleCronCondition.class)
    static class ScheduleConfiguration {

        @Bean
        @ConditionalOnMissingBean
        SnapshotSchedule migrationGuardSnapshotSchedule(LiveSnapshots snapshots, MigrationGuardProperties properties) {
            MigrationGuardProperties.Schedule schedule = properties.getSchedule();
            return new SnapshotSchedule(snapshots, schedule.getCron(), schedule.getKeep());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = RemoteConfiguration.S3_CLIENT)
    @ConditionalOnProperty(name = "migration-guard.remote.uri")
    static class RemoteConfiguration {

        static final String S3_CLIENT = "software.amazon.awssdk.services.s3.S3Client";

        @Bean
        OffMachineStorage migrationGuardOffMachineStorage(
                MigrationGuardProperties properties,
                MigrationReports reports,
                LiveSnapshots liveSnapshots,
                ObjectProvider<S3Client> applicationClient,
                ApplicationContext context) {
            GuardSettingsFactory factory = new GuardSettingsFactory(properties);
            RemoteSettings settings = factory.remoteSettings();
            if (!settings.compression().available(context.getClassLoader())) {
                throw new IllegalStateException("migration-guard.remote.compression=zstd needs the library "
                        + "com.github.luben:zstd-jni: add it to the application, or set the property to gzip");
            }
            return new OffMachineStorage(
                    applicationClient.getIfUnique(), factory.remoteConnection(), settings, reports, liveSnapshots);
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
        OffMachineCopies migrationGuardOffMachineCopies(OffMachineStorage storage) {
            return storage.offMachineCopies();
        }

        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(MeterBinder.class)
        @ConditionalOnBean(MeterRegistry.class)
        static class RemoteMetricsConfiguration {

            @Bean
            @ConditionalOnMissingBean
            MigrationGuardRemoteMetrics migrationGuardRemoteMetrics(RemoteCopies copies, RemoteSnapshots snapshots) {
                return new MigrationGuardRemoteMetrics(copies, snapshots);
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass(RemoteConfiguration.S3_CLIENT)
    @ConditionalOnProperty(name = "migration-guard.remote.uri")
    static class MissingSdkConfiguration {

        @Bean
        OffMachineCopies migrationGuardOffMachineCopies(MigrationGuardProperties properties) {
            throw new RemoteSdkMissingException(properties.getRemote().getUri());
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
