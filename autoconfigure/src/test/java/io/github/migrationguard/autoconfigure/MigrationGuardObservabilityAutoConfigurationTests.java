package io.github.migrationguard.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.migrationguard.actuate.MigrationGuardEndpoint;
import io.github.migrationguard.actuate.MigrationGuardHealthIndicator;
import io.github.migrationguard.snapshot.SnapshotAttempt;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.strategy.LiveSnapshots;
import io.github.migrationguard.strategy.MigrationReports;
import io.github.migrationguard.testing.GuardedApplication;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class MigrationGuardObservabilityAutoConfigurationTests {

    @TempDir
    Path temp;

    private ApplicationContextRunner runner;

    @BeforeEach
    void createApplication() {
        this.runner = new GuardedApplication(this.temp).runner(EndpointAutoConfiguration.class);
    }

    @Test
    void takesScheduledSnapshotsOnTheCronWithTheirOwnRetention() {
        this.runner
                .withPropertyValues("migration-guard.schedule.cron=* * * * * *", "migration-guard.schedule.keep=1")
                .run((context) -> {
                    MigrationReports reports = context.getBean(MigrationReports.class);
                    await().atMost(Duration.ofSeconds(20))
                            .until(() -> reports.state()
                                            .snapshots(SnapshotLabel.SCHEDULED, SnapshotAttempt.Outcome.SUCCESS)
                                            .count()
                                    >= 2);
                    LiveSnapshots snapshots = context.getBean(LiveSnapshots.class);
                    assertThat(snapshots.directory().orElseThrow().list(SnapshotLabel.SCHEDULED))
                            .hasSize(1);
                    assertThat(snapshots.directory().orElseThrow().list(SnapshotLabel.PRE_MIGRATE))
                            .hasSize(1);
                });
    }

    @Test
    void schedulesNothingWithoutCron() {
        this.runner.run((context) -> assertThat(context).doesNotHaveBean(SnapshotSchedule.class));
    }

    @Test
    void schedulesNothingWithBlankCron() {
        this.runner
                .withPropertyValues("migration-guard.schedule.cron=  ")
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SnapshotSchedule.class));
    }

    @Test
    void copiesNothingOffTheMachineWithBlankRemoteUri() {
        this.runner
                .withPropertyValues("migration-guard.remote.uri=  ")
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(OffMachineStorage.class));
    }

    @Test
    void usesUserDefinedSnapshotSchedule() {
        this.runner
                .withPropertyValues("migration-guard.schedule.cron=0 0 3 * * *")
                .withBean("userSchedule", SnapshotSchedule.class, () -> new SnapshotSchedule(null, "0 0 4 * * *", 2))
                .run((context) -> assertThat(context)
                        .hasSingleBean(SnapshotSchedule.class)
                        .hasBean("userSchedule"));
    }

    @Test
    void endpointIsNotAvailableUnlessExposed() {
        this.runner.run((context) -> assertThat(context).doesNotHaveBean(MigrationGuardEndpoint.class));
    }

    @Test
    void endpointIsAvailableWhenExposed() {
        this.runner
                .withPropertyValues("management.endpoints.web.exposure.include=migrationguard")
                .run((context) -> assertThat(context).hasSingleBean(MigrationGuardEndpoint.class));
    }

    @Test
    void healthIsUpOnADatabaseThatIsNotSqlite() {
        this.runner
                .withPropertyValues(
                        "spring.datasource.url=jdbc:h2:mem:observe",
                        "spring.flyway.locations=classpath:db/none",
                        // Flyway itself needs two connections on H2, with or without the starter
                        "spring.datasource.hikari.maximum-pool-size=2")
                .run((context) -> {
                    Health health =
                            context.getBean(MigrationGuardHealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails()).containsEntry("database", "the database is H2, not SQLite");
                });
    }

    @Test
    void healthBacksOffForAUserContributorOfTheSameName() {
        this.runner
                .withBean("migrationGuardHealthContributor", HealthIndicator.class, () -> () -> null)
                .run((context) -> assertThat(context).doesNotHaveBean(MigrationGuardHealthIndicator.class));
    }

    @Test
    void noHealthIndicatorWithoutSpringBootHealth() {
        this.runner
                .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run((context) -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(MigrationGuardHealthIndicator.class)
                        .hasSingleBean(LiveSnapshots.class));
    }

    @Test
    void noEndpointWithoutActuator() {
        this.runner
                .withClassLoader(new FilteredClassLoader(Endpoint.class))
                .withPropertyValues("management.endpoints.web.exposure.include=migrationguard")
                .run((context) -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(MigrationGuardEndpoint.class)
                        .hasSingleBean(LiveSnapshots.class));
    }

    @Test
    void healthAndEndpointThroughTheImportsFile() {
        withAllAutoConfiguration()
                .withPropertyValues("management.endpoints.web.exposure.include=migrationguard")
                .run((context) -> assertThat(context)
                        .hasSingleBean(MigrationGuardHealthIndicator.class)
                        .hasSingleBean(MigrationGuardEndpoint.class));
    }

    private ApplicationContextRunner withAllAutoConfiguration() {
        GuardedApplication app = new GuardedApplication(this.temp.resolve("all"));
        return new ApplicationContextRunner()
                .withUserConfiguration(AllAutoConfiguration.class)
                .withPropertyValues(
                        "spring.datasource.url=jdbc:sqlite:" + app.database(),
                        "spring.flyway.locations=" + app.migrations().location());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class AllAutoConfiguration {}
}
