package io.github.migrationguard.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationguard.restore.RestoreRecord;
import io.github.migrationguard.restore.RestoreTrigger;
import io.github.migrationguard.strategy.MigrationGuardException;
import io.github.migrationguard.strategy.MigrationReport;
import io.github.migrationguard.strategy.MigrationReports;
import io.github.migrationguard.testing.GuardContextRunners;
import io.github.migrationguard.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class RestoreAutoConfigurationTests {

    @TempDir
    Path temp;

    private ApplicationContextRunner contextRunner;

    private Path db;

    private Path migrations;

    @BeforeEach
    void applicationAtV1() throws Exception {
        this.db = this.temp.resolve("app.db");
        this.migrations = Files.createDirectories(this.temp.resolve("migrations"));
        migration("V1__notes.sql", "CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT);");
        this.contextRunner = GuardContextRunners.sqlite(this.db.toString(), "filesystem:" + this.migrations);
        this.contextRunner.run((context) -> assertThat(context).hasNotFailed());
    }

    @Test
    void failedMigrationRestoresTheSnapshotAndStartupFailsSayingSo() throws Exception {
        List<String> before = TestDatabases.dump(this.db);
        migration("V2__broken.sql", "CREATE TABLE audit (id INTEGER);\nINSERT INTO no_such_table VALUES (1);");
        migration("V2__broken.sql.conf", "executeInTransaction=false\n");
        this.contextRunner.run((context) ->
                assertThat(context).getFailure().rootCause().isNotInstanceOf(MigrationGuardException.class));
        this.contextRunner.run((context) -> assertThat(context)
                .getFailure()
                .hasStackTraceContaining(MigrationGuardException.class.getName())
                .hasStackTraceContaining("restored from snapshot")
                .hasStackTraceContaining("back at version 1"));
        assertThat(TestDatabases.dump(this.db)).isEqualTo(before);
    }

    @Test
    void failedMigrationIsRestoredThroughAPoolOfTransactionalConnections() throws Exception {
        List<String> before = TestDatabases.dump(this.db);
        migration("V2__broken.sql", "CREATE TABLE audit (id INTEGER);\nINSERT INTO no_such_table VALUES (1);");
        migration("V2__broken.sql.conf", "executeInTransaction=false\n");
        this.contextRunner
                .withPropertyValues("spring.datasource.hikari.auto-commit=false")
                .run((context) -> assertThat(context).getFailure().hasStackTraceContaining("back at version 1"));
        assertThat(TestDatabases.dump(this.db)).isEqualTo(before);
    }

    @Test
    void restoreFromLatestThroughAPoolOfTransactionalConnectionsIsRecorded() throws Exception {
        migration("V2__tags.sql", "CREATE TABLE tag (id INTEGER PRIMARY KEY);");
        this.contextRunner.run((context) -> assertThat(context).hasNotFailed());
        ApplicationContextRunner transactional = this.contextRunner.withPropertyValues(
                "spring.datasource.hikari.auto-commit=false", "migration-guard.restore.from=latest");
        transactional.run((context) -> assertThat(context).hasNotFailed());
        transactional.run((context) -> assertThat(context.getBean(MigrationReports.class)
                        .last()
                        .orElseThrow()
                        .restores())
                .singleElement()
                .extracting(RestoreRecord::outcome)
                .isEqualTo(RestoreRecord.Outcome.SKIPPED));
    }

    @Test
    void restoreOnFailureCanBeSwitchedOff() throws Exception {
        migration("V2__broken.sql", "CREATE TABLE audit (id INTEGER);\nINSERT INTO no_such_table VALUES (1);");
        migration("V2__broken.sql.conf", "executeInTransaction=false\n");
        this.contextRunner
                .withPropertyValues("migration-guard.restore.on-failure=false")
                .run((context) -> assertThat(context).getFailure().hasStackTraceContaining("no_such_table"));
        assertThat(TestDatabases.dump(this.db)).anyMatch((line) -> line.contains("audit"));
    }

    @Test
    void restoreFromLatestAtStartupIsRecordedInTheReport() throws Exception {
        migration("V2__tags.sql", "CREATE TABLE tag (id INTEGER PRIMARY KEY);");
        this.contextRunner.run((context) -> assertThat(context).hasNotFailed());
        this.contextRunner
                .withPropertyValues("migration-guard.restore.from=latest")
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    MigrationReport report =
                            context.getBean(MigrationReports.class).last().orElseThrow();
                    assertThat(report.restores()).first().satisfies((restore) -> {
                        assertThat(restore.trigger()).isEqualTo(RestoreTrigger.STARTUP);
                        assertThat(restore.outcome()).isEqualTo(RestoreRecord.Outcome.SUCCESS);
                    });
                    assertThat(report.applied()).isEqualTo(1);
                    assertThat(context.getBean(MigrationReports.class).state().restores("startup", "success"))
                            .isEqualTo(1);
                });
    }

    @Test
    void restoreFromAMissingFileFailsStartupNamingThePropertyAndValue() {
        this.contextRunner
                .withPropertyValues("migration-guard.restore.from=pre-migrate-20200101T000000.000Z.db")
                .run((context) -> assertThat(context)
                        .getFailure()
                        .hasStackTraceContaining("migration-guard.restore.from=pre-migrate-20200101T000000.000Z.db"));
    }

    @Test
    void rehearsalIsSwitchedOnByProperty() throws Exception {
        List<String> before = TestDatabases.dump(this.db);
        migration("V2__broken.sql", "CREATE TABLE audit (id INTEGER);\nINSERT INTO no_such_table VALUES (1);");
        this.contextRunner
                .withPropertyValues("migration-guard.rehearse.enabled=true")
                .run((context) -> assertThat(context).getFailure().hasStackTraceContaining("Rehearsal failed"));
        assertThat(TestDatabases.dump(this.db)).isEqualTo(before);
    }

    private void migration(String name, String sql) throws Exception {
        Files.writeString(this.migrations.resolve(name), sql);
    }
}
