package io.github.migrationguard.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.github.migrationguard.heal.ChecksumDriftException;
import io.github.migrationguard.heal.Heal;
import io.github.migrationguard.heal.HealMode;
import io.github.migrationguard.strategy.MigrationReport;
import io.github.migrationguard.strategy.MigrationReports;
import io.github.migrationguard.testing.GuardContextRunners;
import io.github.migrationguard.testing.HistoryRows;
import io.github.migrationguard.testing.IncidentMigrations;
import io.github.migrationguard.testing.Migrations;
import io.github.migrationguard.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class SelfHealAutoConfigurationTests {

    @TempDir
    Path temp;

    private Migrations migrations;

    private Path db;

    private ApplicationContextRunner contextRunner;

    @BeforeEach
    void prepare() {
        this.db = this.temp.resolve("app.db");
        this.migrations = IncidentMigrations.writeTen(this.temp.resolve("migrations"));
        this.contextRunner = GuardContextRunners.sqlite(this.db.toString(), this.migrations.location());
    }

    @Test
    void incidentReplayedWhitespaceDriftInV9HealsAtBootAndTheNextBootIsClean() {
        this.contextRunner.run((context) -> assertThat(
                        report(context.getBean(MigrationReports.class)).applied())
                .isEqualTo(10));
        List<Map<String, Object>> before = HistoryRows.read(TestDatabases.wal(this.db), "flyway_schema_history");
        this.migrations.add(
                "V9__table_9.sql",
                "-- hotfix build reformatted this file\n"
                        + IncidentMigrations.v9().replace(";\n", " ;\n\n"));
        assertThatExceptionOfType(FlywayException.class)
                .isThrownBy(() -> plainFlyway().validate());

        this.contextRunner.run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(report(context.getBean(MigrationReports.class)).heals())
                    .extracting(Heal::version, Heal::reason)
                    .containsExactly(tuple("9", Heal.Reason.FINGERPRINT));
        });
        List<Map<String, Object>> after = HistoryRows.read(TestDatabases.wal(this.db), "flyway_schema_history");
        assertThat(HistoryRows.without(after, "9")).isEqualTo(HistoryRows.without(before, "9"));
        assertThat(HistoryRows.version(after, "10")).containsEntry("success", 1);
        plainFlyway().validate();

        this.contextRunner.run((context) -> assertThat(
                        report(context.getBean(MigrationReports.class)).heals())
                .isEmpty());
    }

    @Test
    void semanticDriftStopsStartupUntilTheVersionIsCertified() {
        this.contextRunner.run((context) -> assertThat(context).hasNotFailed());
        this.migrations.add("V9__table_9.sql", IncidentMigrations.v9().replace("'a  b'", "'a b'"));
        List<String> dump = TestDatabases.dump(this.db);

        this.contextRunner.run((context) -> assertThat(context)
                .getFailure()
                .rootCause()
                .isInstanceOf(ChecksumDriftException.class)
                .hasMessageContaining("migration-guard.self-heal.versions=9"));
        assertThat(TestDatabases.dump(this.db)).isEqualTo(dump);

        this.contextRunner
                .withPropertyValues("migration-guard.self-heal.versions=9")
                .run((context) -> assertThat(
                                report(context.getBean(MigrationReports.class)).heals())
                        .extracting(Heal::reason)
                        .containsExactly(Heal.Reason.ALLOWLIST));
    }

    @Test
    void healsInTheHistoryTableNamedBySpringFlywayTable() {
        ApplicationContextRunner renamed = this.contextRunner.withPropertyValues("spring.flyway.table=schema_log");
        renamed.run((context) -> assertThat(context).hasNotFailed());
        this.migrations.add("V2__table_2.sql", "CREATE TABLE t2 (id INTEGER PRIMARY KEY, name VARCHAR(50)); -- ok");

        renamed.run((context) -> assertThat(
                        report(context.getBean(MigrationReports.class)).heals())
                .extracting(Heal::version)
                .containsExactly("2"));
        Flyway.configure()
                .dataSource(TestDatabases.wal(this.db))
                .locations(this.migrations.location())
                .table("schema_log")
                .load()
                .validate();
    }

    @Test
    void certifiedVersionsBindFromACommaSeparatedList() {
        this.contextRunner
                .withPropertyValues(
                        "migration-guard.self-heal.versions=9, 10.1",
                        "migration-guard.self-heal.mode=reapply",
                        "migration-guard.self-heal.fingerprint=false",
                        "migration-guard.self-heal.fingerprint-table=guard_prints")
                .run((context) -> {
                    assertThat(context.getBean(StarterSettings.class).guard().heal())
                            .satisfies((heal) -> {
                                assertThat(heal.versions()).containsExactly("9", "10.1");
                                assertThat(heal.mode()).isEqualTo(HealMode.REAPPLY);
                                assertThat(heal.fingerprint()).isFalse();
                                assertThat(heal.fingerprintTable()).isEqualTo("guard_prints");
                            });
                });
    }

    private Flyway plainFlyway() {
        return Flyway.configure()
                .dataSource(TestDatabases.wal(this.db))
                .locations(this.migrations.location())
                .load();
    }

    private static MigrationReport report(MigrationReports reports) {
        return reports.last().orElseThrow();
    }
}
