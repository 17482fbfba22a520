package io.github.migrationguard.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationguard.actuate.MigrationGuardEndpoint;
import io.github.migrationguard.actuate.RestoreDescriptor;
import io.github.migrationguard.restore.RestoreRecord;
import io.github.migrationguard.restore.RestoreTrigger;
import io.github.migrationguard.restore.SchemaAhead;
import io.github.migrationguard.snapshot.SnapshotDirectory;
import io.github.migrationguard.snapshot.SnapshotDirectory.StoredSnapshot;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.strategy.MigrationReport;
import io.github.migrationguard.strategy.MigrationReports;
import io.github.migrationguard.testing.GuardContextRunners;
import io.github.migrationguard.testing.Migrations;
import io.github.migrationguard.testing.TestDatabases;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A release rolled back: the database went from v3 to v4 to v5 under three builds, then an older build starts on it.
 */
@ExtendWith(OutputCaptureExtension.class)
class RollbackDeployTests {

    private static final String ON_DOWNGRADE = "migration-guard.restore.on-downgrade=true";

    private static final List<String> SCRIPTS = List.of(
            "CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL);",
            "ALTER TABLE note ADD COLUMN author TEXT;",
            "CREATE TABLE tag (id INTEGER PRIMARY KEY, name TEXT);",
            "CREATE TABLE note_tag (note_id INTEGER, tag_id INTEGER);",
            "CREATE INDEX note_tag_note ON note_tag (note_id);");

    @TempDir
    Path temp;

    private Path db;

    private SnapshotDirectory backups;

    private Path leftV3;

    private Path leftV4;

    @BeforeEach
    void databaseUpgradedFromV3ToV4ToV5WithRowsWrittenOnEachVersion() {
        this.db = this.temp.resolve("app.db");
        this.backups = new SnapshotDirectory(this.temp.resolve("backups"));
        boot(3);
        insert("written on v3");
        boot(4);
        insert("written on v4");
        boot(5);
        insert("written on v5");
        List<StoredSnapshot> preMigrate = this.backups.list(SnapshotLabel.PRE_MIGRATE);
        assertThat(preMigrate)
                .extracting((snapshot) -> snapshot.name().detail())
                .containsExactly("v3-to-v4", "v4-to-v5");
        this.leftV3 = preMigrate.get(0).file();
        this.leftV4 = preMigrate.get(1).file();
    }

    @Test
    void olderBuildByDefaultReportsAheadNamesTheSnapshotAndChangesNothing(CapturedOutput output) {
        List<String> before = TestDatabases.dump(this.db);
        build(3).run((context) -> {
            assertThat(context).hasNotFailed();
            SchemaAhead ahead = lastRun(context).ahead();
            assertThat(ahead.databaseVersion()).isEqualTo("5");
            assertThat(ahead.applicationVersion()).isEqualTo("3");
            assertThat(ahead.snapshot()).isEqualTo(this.leftV3.getFileName().toString());
        });
        assertThat(TestDatabases.dump(this.db)).isEqualTo(before);
        assertThat(this.backups.list(SnapshotLabel.PRE_RESTORE)).isEmpty();
        assertThat(output)
                .contains("WARN")
                .contains("is at version 5, newer than this application's latest migration 3")
                .contains(this.leftV3.getFileName().toString())
                .contains("migration-guard.restore.on-downgrade=true");
    }

    @Test
    void healthShowsAheadWithBothVersionsAndTheSnapshotAndStaysUp() {
        build(3).run((context) -> {
            Health health = context.getBean("migrationGuardHealthIndicator", HealthIndicator.class)
                    .health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails().get("ahead")).isInstanceOfSatisfying(SchemaAhead.class, (ahead) -> {
                assertThat(ahead.databaseVersion()).isEqualTo("5");
                assertThat(ahead.applicationVersion()).isEqualTo("3");
                assertThat(ahead.snapshot()).isEqualTo(this.leftV3.getFileName().toString());
            });
        });
    }

    @Test
    void aheadGaugeIsOneOnTheOlderBuildAndZeroOnTheCurrentOne() {
        build(3).run((context) -> assertThat(aheadGauge(context)).isEqualTo(1.0));
        build(5).run((context) -> assertThat(aheadGauge(context)).isZero());
    }

    @Test
    void endpointShowsAheadAndTheSetting() {
        build(3).run((context) -> {
            MigrationGuardEndpoint.MigrationGuardDescriptor read =
                    context.getBean(MigrationGuardEndpoint.class).migrationGuard();
            assertThat(read.ahead().snapshot())
                    .isEqualTo(this.leftV3.getFileName().toString());
            assertThat(read.settings()).containsEntry("restore.on-downgrade", false);
        });
    }

    @Test
    void onDowngradeRestoresTheSnapshotTakenWhenTheDatabaseLeftV3() {
        build(3).withPropertyValues(ON_DOWNGRADE).run((context) -> {
            assertThat(context).hasNotFailed();
            MigrationReport report = lastRun(context);
            assertThat(report.ahead()).isNull();
            assertThat(report.toVersion()).isEqualTo("3");
            assertThat(report.pending()).isZero();
            assertThat(report.restores()).singleElement().satisfies((restore) -> {
                assertThat(restore.trigger()).isEqualTo(RestoreTrigger.DOWNGRADE);
                assertThat(restore.outcome()).isEqualTo(RestoreRecord.Outcome.SUCCESS);
                assertThat(restore.snapshot()).isEqualTo(this.leftV3);
            });
        });
        assertThat(notes()).containsExactly("written on v3");
        assertThat(schemaVersion()).isEqualTo("3");
    }

    @Test
    void preRestoreSnapshotKeepsEverythingWrittenSinceTheUpgrade() {
        List<String> onV5 = TestDatabases.dump(this.db);
        build(3).withPropertyValues(ON_DOWNGRADE)
                .run((context) -> assertThat(context).hasNotFailed());
        assertThat(this.backups.list(SnapshotLabel.PRE_RESTORE)).singleElement().satisfies((preRestore) -> {
            assertThat(TestDatabases.dump(preRestore.file())).isEqualTo(onV5);
            assertThat(TestDatabases.dump(preRestore.file())).anyMatch((line) -> line.contains("written on v5"));
        });
    }

    @Test
    void restoreOnDowngradeIsCountedAndShownInTheLastRun() {
        build(3).withPropertyValues(ON_DOWNGRADE).run((context) -> {
            assertThat(context.getBean(MeterRegistry.class)
                            .get("migration.guard.restore")
                            .tags("trigger", "downgrade", "outcome", "success")
                            .functionCounter()
                            .count())
                    .isEqualTo(1);
            assertThat(context.getBean(MigrationGuardEndpoint.class)
                            .migrationGuard()
                            .lastRun()
                            .restores())
                    .singleElement()
                    .extracting(RestoreDescriptor::trigger, RestoreDescriptor::snapshot)
                    .containsExactly("downgrade", this.leftV3.toString());
            assertThat(aheadGauge(context)).isZero();
        });
    }

    @Test
    void secondBootOfTheSameOlderBuildRestoresNothing() {
        ApplicationContextRunner olderBuild = build(3).withPropertyValues(ON_DOWNGRADE);
        olderBuild.run((context) -> assertThat(context).hasNotFailed());
        insert("written on v3 after the rollback");
        List<String> afterRollback = TestDatabases.dump(this.db);
        olderBuild.run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(lastRun(context).restores()).isEmpty();
            assertThat(lastRun(context).ahead()).isNull();
        });
        assertThat(TestDatabases.dump(this.db)).isEqualTo(afterRollback);
        assertThat(this.backups.list(SnapshotLabel.PRE_RESTORE)).hasSize(1);
    }

    @Test
    void rollbackByOneVersionAmongSeveralUsesTheSnapshotTakenWhenTheDatabaseLeftV4() {
        build(4).withPropertyValues(ON_DOWNGRADE)
                .run((context) -> assertThat(lastRun(context).restores())
                        .singleElement()
                        .extracting(RestoreRecord::snapshot)
                        .isEqualTo(this.leftV4));
        assertThat(notes()).containsExactly("written on v3", "written on v4");
        assertThat(schemaVersion()).isEqualTo("4");
    }

    @Test
    void prunedSnapshotLeavesTheDatabaseAloneAndSaysWhy(CapturedOutput output) throws Exception {
        Files.delete(this.leftV3);
        List<String> before = TestDatabases.dump(this.db);
        build(3).withPropertyValues(ON_DOWNGRADE).run((context) -> {
            assertThat(context).hasNotFailed();
            SchemaAhead ahead = lastRun(context).ahead();
            assertThat(ahead.snapshot()).isNull();
            assertThat(ahead.message())
                    .contains("no pre-migrate snapshot taken when it left version 3")
                    .contains("pruned, or never taken")
                    .contains("nothing was changed")
                    .contains(this.leftV4.getFileName().toString());
        });
        assertThat(TestDatabases.dump(this.db)).isEqualTo(before);
        assertThat(this.backups.list(SnapshotLabel.PRE_RESTORE)).isEmpty();
        assertThat(output).contains("WARN").contains("pruned, or never taken");
    }

    @Test
    void snapshotThatIsNotADatabaseFailsStartupAndChangesNothing() throws Exception {
        Files.writeString(this.leftV3, "not a database");
        List<String> before = TestDatabases.dump(this.db);
        build(3).withPropertyValues(ON_DOWNGRADE).run((context) -> assertThat(context)
                .getFailure()
                .hasStackTraceContaining("migration-guard.restore.on-downgrade=true but snapshot " + this.leftV3)
                .hasStackTraceContaining("nothing was changed"));
        assertThat(TestDatabases.dump(this.db)).isEqualTo(before);
        assertThat(this.backups.list(SnapshotLabel.PRE_RESTORE)).isEmpty();
    }

    @Test
    void snapshotAtAnotherVersionThanItsNameSaysIsRefusedSoNoBootRestoresTwice() throws Exception {
        Files.copy(this.leftV4, this.leftV3, StandardCopyOption.REPLACE_EXISTING);
        List<String> before = TestDatabases.dump(this.db);
        build(3).withPropertyValues(ON_DOWNGRADE).run((context) -> assertThat(context)
                .getFailure()
                .hasStackTraceContaining("it holds schema version 4, not 3 as its name says")
                .hasStackTraceContaining("nothing was changed"));
        assertThat(TestDatabases.dump(this.db)).isEqualTo(before);
    }

    @Test
    void failedPreRestoreSnapshotFailsStartupAndChangesNothing() {
        List<String> before = TestDatabases.dump(this.db);
        build(3).withPropertyValues(ON_DOWNGRADE, "migration-guard.snapshot.min-free-space=1000TB")
                .run((context) -> assertThat(context)
                        .getFailure()
                        .hasStackTraceContaining("Cannot carry out migration-guard.restore.on-downgrade=true because "
                                + "the pre-restore snapshot of the current database failed")
                        .hasStackTraceContaining("nothing was changed"));
        assertThat(TestDatabases.dump(this.db)).isEqualTo(before);
    }

    private ApplicationContextRunner build(int latest) {
        Migrations migrations = new Migrations(this.temp.resolve("build-v" + latest));
        for (int version = 1; version <= latest; version++) {
            migrations.add("V" + version + "__step" + version + ".sql", SCRIPTS.get(version - 1));
        }
        return GuardContextRunners.sqlite(this.db.toString(), migrations.location())
                .withConfiguration(AutoConfigurations.of(
                        MigrationGuardHealthAutoConfiguration.class,
                        MigrationGuardEndpointAutoConfiguration.class,
                        EndpointAutoConfiguration.class,
                        MetricsAutoConfiguration.class,
                        SimpleMetricsExportAutoConfiguration.class,
                        CompositeMeterRegistryAutoConfiguration.class))
                .withPropertyValues("management.endpoints.web.exposure.include=migrationguard");
    }

    private void boot(int latest) {
        build(latest).run((context) -> assertThat(context).hasNotFailed());
    }

    private void insert(String body) {
        new JdbcTemplate(TestDatabases.wal(this.db)).update("INSERT INTO note (body) VALUES (?)", body);
    }

    private List<String> notes() {
        return new JdbcTemplate(TestDatabases.wal(this.db))
                .queryForList("SELECT body FROM note ORDER BY id", String.class);
    }

    private String schemaVersion() {
        return new JdbcTemplate(TestDatabases.wal(this.db))
                .queryForObject(
                        "SELECT version FROM flyway_schema_history WHERE success = 1 ORDER BY installed_rank DESC "
                                + "LIMIT 1",
                        String.class);
    }

    private static MigrationReport lastRun(ApplicationContext context) {
        return context.getBean(MigrationReports.class).last().orElseThrow();
    }

    private static double aheadGauge(ApplicationContext context) {
        return context.getBean(MeterRegistry.class)
                .get("migration.guard.schema.ahead")
                .gauge()
                .value();
    }
}
