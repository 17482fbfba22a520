package io.github.migrationguard.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationguard.snapshot.SnapshotDirectory;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.strategy.MigrationReport;
import io.github.migrationguard.strategy.MigrationReports;
import io.github.migrationguard.testing.GuardContextRunners;
import io.github.migrationguard.testing.Migrations;
import io.github.migrationguard.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class MigrationGuardAutoConfigurationTests {

    @TempDir
    Path temp;

    private Migrations migrations;

    private ApplicationContextRunner contextRunner;

    @BeforeEach
    void setUp() {
        this.migrations = new Migrations(this.temp.resolve("migrations"))
                .add("V1__items.sql", "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT);")
                .add("V2__seed.sql", "INSERT INTO item (id, name) VALUES (1, 'one'), (2, 'two');");
        this.contextRunner = GuardContextRunners.sqlite(database() + "?journal_mode=WAL", this.migrations.location());
    }

    @Test
    void createsStrategyForSqliteDataSource() {
        this.contextRunner.run((context) -> assertThat(context)
                .hasSingleBean(FlywayMigrationStrategy.class)
                .getBean(FlywayMigrationStrategy.class)
                .isInstanceOf(MigrationGuardStrategy.class));
    }

    @Test
    void snapshotsBeforePendingMigrationsWithOnePooledConnection() {
        this.contextRunner.run((context) -> assertThat(context).hasNotFailed());
        this.migrations.add("V3__more.sql", "ALTER TABLE item ADD COLUMN note TEXT;");
        this.contextRunner.run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(snapshots()).hasSize(1);
            assertThat(snapshots().get(0).file().getFileName().toString()).endsWith("-v2-to-v3.db");
            assertThat(TestDatabases.dump(snapshots().get(0).file())).noneMatch((line) -> line.contains("note"));
            MigrationReport report =
                    context.getBean(MigrationReports.class).last().orElseThrow();
            assertThat(report.outcome()).isEqualTo(MigrationReport.Outcome.SUCCESS);
            assertThat(report.snapshot().snapshot()).isNotNull();
        });
    }

    @Test
    void closingTheContextWaitsForASnapshotVerifiedAlongsideTheMigration() throws Exception {
        this.contextRunner.run((context) -> assertThat(context).hasNotFailed());
        // Large enough for verification to run in the background while Flyway migrates
        new org.springframework.jdbc.core.JdbcTemplate(TestDatabases.wal(database()))
                .execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 70000) "
                        + "INSERT INTO item (name) SELECT hex(randomblob(500)) FROM n");
        this.migrations.add("V3__more.sql", "ALTER TABLE item ADD COLUMN note TEXT;");
        this.contextRunner.run((context) -> assertThat(context).hasNotFailed());
        assertThat(snapshots()).hasSize(1);
        try (var files = Files.list(this.temp.resolve("backups"))) {
            assertThat(files).noneMatch((file) -> file.getFileName().toString().endsWith(".partial"));
        }
        assertThat(TestDatabases.integrityCheck(snapshots().get(0).file())).containsExactly("ok");
    }

    @Test
    void takesNoSnapshotWhenNothingIsPending() {
        this.contextRunner.run((context) -> assertThat(context).hasNotFailed());
        this.contextRunner.run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(MigrationReports.class)
                            .last()
                            .orElseThrow()
                            .outcome())
                    .isEqualTo(MigrationReport.Outcome.NOTHING_PENDING);
        });
        assertThat(snapshots()).isEmpty();
    }

    @Test
    void snapshotsAtEveryStartWhenAskedToAlways() {
        this.contextRunner.run((context) -> assertThat(context).hasNotFailed());
        this.contextRunner
                .withPropertyValues("migration-guard.snapshot.when=always")
                .run((context) -> assertThat(context).hasNotFailed());
        assertThat(snapshots()).singleElement().satisfies((snapshot) -> assertThat(
                        snapshot.file().getFileName().toString())
                .endsWith("-v2-to-v2.db"));
    }

    @Test
    void keepZeroDisablesSnapshots() {
        this.contextRunner.run((context) -> assertThat(context).hasNotFailed());
        this.migrations.add("V3__more.sql", "ALTER TABLE item ADD COLUMN note TEXT;");
        this.contextRunner.withPropertyValues("migration-guard.snapshot.keep=0").run((context) -> assertThat(context)
                .hasNotFailed());
        assertThat(snapshots()).isEmpty();
    }

    @Test
    void writesSnapshotsToConfiguredDirectory() {
        Path dir = this.temp.resolve("elsewhere");
        this.contextRunner.run((context) -> assertThat(context).hasNotFailed());
        this.migrations.add("V3__more.sql", "ALTER TABLE item ADD COLUMN note TEXT;");
        this.contextRunner
                .withPropertyValues("migration-guard.snapshot.dir=" + dir)
                .run((context) -> assertThat(context).hasNotFailed());
        assertThat(new SnapshotDirectory(dir).list()).hasSize(1);
    }

    @Test
    void abortsStartupWhenSnapshotFailsAndAskedToAbort() throws Exception {
        this.contextRunner.run((context) -> assertThat(context).hasNotFailed());
        this.migrations.add("V3__more.sql", "ALTER TABLE item ADD COLUMN note TEXT;");
        List<String> before = TestDatabases.dump(database());
        this.contextRunner
                .withPropertyValues(
                        "migration-guard.snapshot.on-failure=abort", "migration-guard.snapshot.min-free-space=1000TB")
                .run((context) -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("Not enough free space")
                        .hasMessageContaining("migration-guard.snapshot.min-free-space"));
        assertThat(TestDatabases.dump(database())).isEqualTo(before);
        try (var files = Files.list(this.temp.resolve("backups"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void migratesWithoutSnapshotWhenSnapshotFailsAndAskedToContinue() {
        this.contextRunner.run((context) -> assertThat(context).hasNotFailed());
        this.migrations.add("V3__more.sql", "ALTER TABLE item ADD COLUMN note TEXT;");
        this.contextRunner
                .withPropertyValues("migration-guard.snapshot.min-free-space=1000TB")
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    MigrationReport report =
                            context.getBean(MigrationReports.class).last().orElseThrow();
                    assertThat(report.toVersion()).isEqualTo("3");
                    assertThat(report.snapshot().message()).contains("Not enough free space");
                });
        assertThat(snapshots()).isEmpty();
    }

    @Test
    void takesNoSnapshotWhenDataSourceIsH2ButStillMigrates() {
        this.contextRunner
                .withPropertyValues(
                        "spring.datasource.url=jdbc:h2:mem:guard;DB_CLOSE_DELAY=-1",
                        // Flyway itself needs two connections on H2, with or without the starter
                        "spring.datasource.hikari.maximum-pool-size=2")
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    MigrationReport report =
                            context.getBean(MigrationReports.class).last().orElseThrow();
                    assertThat(report.database()).isNull();
                    assertThat(report.toVersion()).isEqualTo("2");
                    assertThat(report.snapshot().message()).contains("H2");
                });
        assertThat(this.temp.resolve("backups")).doesNotExist();
    }

    @Test
    void takesNoSnapshotWhenSqliteIsInMemory() {
        this.contextRunner
                .withPropertyValues("spring.datasource.url=jdbc:sqlite:file:guard?mode=memory&cache=shared")
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    MigrationReport report =
                            context.getBean(MigrationReports.class).last().orElseThrow();
                    assertThat(report.snapshot().message()).contains("in memory");
                });
    }

    @Test
    void backsOffWithoutFlywayOnTheClasspath() {
        this.contextRunner
                .withClassLoader(new FilteredClassLoader(Flyway.class))
                .run((context) -> assertThat(context).doesNotHaveBean(FlywayMigrationStrategy.class));
    }

    @Test
    void backsOffWhenDisabled() {
        this.contextRunner.withPropertyValues("migration-guard.enabled=false").run((context) -> assertThat(context)
                .doesNotHaveBean(FlywayMigrationStrategy.class)
                .doesNotHaveBean(MigrationReports.class));
    }

    @Test
    void usesUserDefinedMigrationStrategy() {
        this.contextRunner
                .withUserConfiguration(UserStrategyConfiguration.class)
                .run((context) -> assertThat(context)
                        .hasSingleBean(FlywayMigrationStrategy.class)
                        .doesNotHaveBean(MigrationGuardStrategy.class));
    }

    @Test
    void failsOnUnknownSnapshotMethod() {
        assertStartupFailsNaming("migration-guard.snapshot.method=rsync", "migration-guard.snapshot.method", "rsync");
    }

    @Test
    void failsOnUnknownVerification() {
        assertStartupFailsNaming(
                "migration-guard.snapshot.verify=thorough", "migration-guard.snapshot.verify", "thorough");
    }

    @Test
    void failsOnRestoreOnDowngradeThatIsNotABoolean() {
        assertStartupFailsNaming(
                "migration-guard.restore.on-downgrade=maybe", "migration-guard.restore.on-downgrade", "maybe");
    }

    private void assertStartupFailsNaming(String property, String name, String value) {
        this.contextRunner.withPropertyValues(property).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .hasStackTraceContaining(name)
                    .hasStackTraceContaining(value);
        });
        assertThat(this.temp.resolve("backups")).doesNotExist();
    }

    private List<SnapshotDirectory.StoredSnapshot> snapshots() {
        return new SnapshotDirectory(this.temp.resolve("backups")).list(SnapshotLabel.PRE_MIGRATE);
    }

    private Path database() {
        return this.temp.resolve("app.db");
    }

    @Configuration(proxyBeanMethods = false)
    static class UserStrategyConfiguration {

        @Bean
        FlywayMigrationStrategy userStrategy() {
            return Flyway::migrate;
        }
    }
}
