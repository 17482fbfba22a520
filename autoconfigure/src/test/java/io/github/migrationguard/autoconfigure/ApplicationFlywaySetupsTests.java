package io.github.migrationguard.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationguard.actuate.MigrationGuardHealthIndicator;
import io.github.migrationguard.docs.SchemaUpgrade;
import io.github.migrationguard.snapshot.SnapshotDirectory;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.strategy.GuardedMigration;
import io.github.migrationguard.strategy.MigrationReport;
import io.github.migrationguard.strategy.MigrationReports;
import io.github.migrationguard.testing.GuardedApplication;
import io.github.migrationguard.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Applications that take Flyway into their own hands: their own strategy, their own Flyway bean migrated by its init
 * method, and their own Flyway migrated from their own code.
 */
@ExtendWith(OutputCaptureExtension.class)
class ApplicationFlywaySetupsTests {

    private static final String BROKEN = "CREATE TABLE audit (id INTEGER);\nINSERT INTO no_such_table VALUES (1);\n";

    @TempDir
    Path temp;

    private GuardedApplication application;

    private ApplicationContextRunner contextRunner;

    @BeforeEach
    void applicationAtV1WithV2Pending() {
        this.application = new GuardedApplication(this.temp);
        this.contextRunner = this.application.runner();
    }

    @Test
    void ownStrategyMigratesInsideTheGuard() {
        this.contextRunner.withUserConfiguration(RepairThenMigrate.class).run((context) -> {
            assertThat(context).hasNotFailed();
            MigrationReport report = lastRun(context.getBean(MigrationReports.class));
            assertThat(report.outcome()).isEqualTo(MigrationReport.Outcome.SUCCESS);
            assertThat(report.applied()).isEqualTo(1);
            assertThat(report.toVersion()).isEqualTo("2");
        });
        assertThat(snapshots()).singleElement().satisfies((snapshot) -> assertThat(
                        snapshot.file().getFileName().toString())
                .endsWith("-v1-to-v2.db"));
    }

    @Test
    void ownRepairingStrategyGetsPastDriftWithoutSelfHeal() {
        this.application.migrations().add("V1__author.sql", "CREATE TABLE author (id INTEGER PRIMARY KEY);\n");
        this.contextRunner.withUserConfiguration(RepairThenMigrate.class).run((context) -> {
            assertThat(context).hasNotFailed();
            MigrationReport report = lastRun(context.getBean(MigrationReports.class));
            assertThat(report.outcome()).isEqualTo(MigrationReport.Outcome.SUCCESS);
            assertThat(report.heals()).isEmpty();
        });
    }

    @Test
    void ownRepairingStrategySnapshotsBeforeRepairingWhenNothingIsPending() {
        this.contextRunner.run((context) -> assertThat(context).hasNotFailed());
        this.application.migrations().add("V2__book.sql", "CREATE TABLE book (id INTEGER PRIMARY KEY);\n");
        List<String> before = TestDatabases.dump(this.application.database());
        this.contextRunner.withUserConfiguration(RepairThenMigrate.class).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(lastRun(context.getBean(MigrationReports.class)).outcome())
                    .isEqualTo(MigrationReport.Outcome.NOTHING_PENDING);
        });
        assertThat(snapshots()).hasSize(2);
        assertThat(TestDatabases.dump(newest())).isEqualTo(before);
    }

    @Test
    void failingOwnStrategyLeavesTheDatabaseAsItWasWithOneVerifiedSnapshot() {
        assertBrokenUpgradeLeavesTheDatabaseAsItWas(RepairThenMigrate.class);
    }

    @Test
    void ownFlywayBeanWithMigrateInitMethodIsMigratedThroughTheGuardBeforeItsDependents() {
        this.contextRunner
                .withUserConfiguration(OwnFlywayMigratedByInitMethod.class)
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(BookCount.class).value()).isZero();
                    MigrationReport report = lastRun(context.getBean(MigrationReports.class));
                    assertThat(report.outcome()).isEqualTo(MigrationReport.Outcome.SUCCESS);
                    assertThat(report.applied()).isEqualTo(1);
                });
        assertThat(snapshots()).hasSize(1);
    }

    @Test
    void ownFlywayBeanKeepsItsOwnConfiguration() {
        this.contextRunner
                .withUserConfiguration(OwnFlywayMigratedByInitMethod.class)
                .withPropertyValues(
                        "spring.datasource.url=jdbc:sqlite:" + this.temp.resolve("fresh.db"),
                        "app.history-table=app_history")
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(Flyway.class).getConfiguration().getTable())
                            .isEqualTo("app_history");
                    assertThat(new JdbcTemplate(context.getBean(DataSource.class))
                                    .queryForList("SELECT version FROM app_history", String.class))
                            .containsExactly("1", "2");
                });
    }

    @Test
    void failingOwnFlywayBeanLeavesTheDatabaseAsItWasWithOneVerifiedSnapshot() {
        assertBrokenUpgradeLeavesTheDatabaseAsItWas(OwnFlywayMigratedByInitMethod.class);
    }

    @Test
    void ownFlywayMigratedByTheApplicationItselfIsReportedAsNotGuarded(CapturedOutput output) {
        this.contextRunner
                .withUserConfiguration(OwnFlywayWithoutInitMethod.class)
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    Health health =
                            context.getBean(MigrationGuardHealthIndicator.class).health();
                    assertThat(health.getDetails()).containsEntry("guarding", false);
                    assertThat((String) health.getDetails().get("notGuardedReason"))
                            .contains("the Flyway bean(s) [flyway]")
                            .contains("runs migrate() itself");
                });
        assertThat(output).containsOnlyOnce("Flyway migrations are NOT guarded by migration-guard");
    }

    @Test
    void ownFlywayMigratedThroughTheGuardedMigrationBeanIsGuarded() {
        this.contextRunner
                .withUserConfiguration(OwnFlywayWithoutInitMethod.class)
                .run((context) -> {
                    SchemaUpgrade upgrade =
                            new SchemaUpgrade(context.getBean(Flyway.class), context.getBean(GuardedMigration.class));
                    assertThat(upgrade.upgrade().outcome()).isEqualTo(MigrationReport.Outcome.SUCCESS);
                    Health health =
                            context.getBean(MigrationGuardHealthIndicator.class).health();
                    assertThat(health.getDetails())
                            .containsEntry("guarding", true)
                            .doesNotContainKey("notGuardedReason");
                });
        assertThat(snapshots()).hasSize(1);
    }

    @Test
    void springBootsOwnMigrationIsGuarded(CapturedOutput output) {
        this.contextRunner.run((context) -> assertThat(context.getBean(MigrationGuardHealthIndicator.class)
                        .health()
                        .getDetails())
                .containsEntry("guarding", true));
        assertThat(output).doesNotContain("NOT guarded");
    }

    private static MigrationReport lastRun(MigrationReports reports) {
        return reports.last().orElseThrow();
    }

    private void assertBrokenUpgradeLeavesTheDatabaseAsItWas(Class<?> configuration) {
        this.application.migrations().add("V3__broken.sql", BROKEN);
        List<String> before = TestDatabases.dump(this.application.database());
        this.contextRunner.withUserConfiguration(configuration).run((context) -> assertThat(context)
                .getFailure()
                .hasStackTraceContaining("restored from snapshot")
                .hasStackTraceContaining("back at version 1"));
        assertThat(TestDatabases.dump(this.application.database())).isEqualTo(before);
        assertOneVerifiedSnapshot();
    }

    private void assertOneVerifiedSnapshot() {
        assertThat(snapshots()).singleElement().satisfies((snapshot) -> assertThat(
                        TestDatabases.integrityCheck(snapshot.file()))
                .containsExactly("ok"));
    }

    private List<SnapshotDirectory.StoredSnapshot> snapshots() {
        return new SnapshotDirectory(this.application.backups()).list(SnapshotLabel.PRE_MIGRATE);
    }

    private Path newest() {
        List<SnapshotDirectory.StoredSnapshot> snapshots = snapshots();
        return snapshots.get(snapshots.size() - 1).file();
    }

    @Configuration(proxyBeanMethods = false)
    static class RepairThenMigrate {

        @Bean
        FlywayMigrationStrategy repairThenMigrate() {
            return (flyway) -> {
                flyway.repair();
                flyway.migrate();
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnFlywayMigratedByInitMethod {

        @Bean(initMethod = "migrate")
        Flyway flyway(DataSource dataSource, Environment environment) {
            return ownFlyway(dataSource, environment);
        }

        @Bean
        BookCount bookCount(Flyway flyway, DataSource dataSource) {
            return new BookCount(
                    new JdbcTemplate(dataSource).queryForObject("SELECT count(*) FROM book", Integer.class));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnFlywayWithoutInitMethod {

        @Bean
        Flyway flyway(DataSource dataSource, Environment environment) {
            return ownFlyway(dataSource, environment);
        }
    }

    static Flyway ownFlyway(DataSource dataSource, Environment environment) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(environment.getRequiredProperty("spring.flyway.locations"))
                .table(environment.getProperty("app.history-table", "flyway_schema_history"))
                .load();
    }

    /**
     * A bean that reads the migrated schema while it is created.
     */
    record BookCount(int value) {}
}
