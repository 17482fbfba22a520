package io.github.migrationguard.heal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.migrationguard.strategy.MigrationReport;
import io.github.migrationguard.testing.HistoryRows;
import io.github.migrationguard.testing.IncidentMigrations;
import io.github.migrationguard.testing.Migrations;
import io.github.migrationguard.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The incident that self-heal exists for, replayed step by step: an applied migration's file drifts between builds
 * and plain Flyway refuses to start.
 */
class ChecksumSelfHealIncidentTests {

    private static final String HISTORY = "flyway_schema_history";

    @TempDir
    Path temp;

    private Path db;

    private DataSource dataSource;

    private Migrations migrations;

    @BeforeEach
    void applyTenMigrationsWithTheGuard() {
        this.db = this.temp.resolve("app.db");
        this.dataSource = TestDatabases.wal(this.db);
        this.migrations = IncidentMigrations.writeTen(this.temp.resolve("migrations"));
        MigrationReport first = GuardWithHeal.of(HealSettings.defaults()).migrate(flyway());
        assertThat(first.applied()).isEqualTo(10);
    }

    @Test
    void incidentReplayedWhitespaceAndCommentDriftInV9HealsByFingerprint() {
        List<Map<String, Object>> before = HistoryRows.read(this.dataSource, HISTORY);
        this.migrations.add(
                "V9__table_9.sql",
                "-- index for the name lookup, see the incident report\n"
                        + "CREATE TABLE t9 (id INTEGER PRIMARY KEY,\n    name VARCHAR(50));\n\n"
                        + "CREATE INDEX t9_name ON t9 (name); /* unchanged */\n"
                        + "INSERT INTO t9 (id, name)\tVALUES (1, 'a  b');\n");
        assertThatExceptionOfType(FlywayException.class)
                .isThrownBy(() -> flyway().validate())
                .withMessageContaining("checksum mismatch");

        MigrationReport report = GuardWithHeal.of(HealSettings.defaults()).migrate(flyway());

        assertThat(report.heals()).singleElement().satisfies((heal) -> {
            assertThat(heal.version()).isEqualTo("9");
            assertThat(heal.reason()).isEqualTo(Heal.Reason.FINGERPRINT);
            assertThat(heal.oldChecksum())
                    .isEqualTo(HistoryRows.version(before, "9").get("checksum"));
            assertThat(heal.reapplied()).isFalse();
        });
        List<Map<String, Object>> after = HistoryRows.read(this.dataSource, HISTORY);
        assertThat(HistoryRows.without(after, "9")).isEqualTo(HistoryRows.without(before, "9"));
        assertThat(HistoryRows.version(after, "9"))
                .containsEntry("checksum", report.heals().get(0).newChecksum())
                .isEqualTo(withChecksum(
                        HistoryRows.version(before, "9"), report.heals().get(0).newChecksum()));
        assertThat(HistoryRows.version(after, "10")).containsEntry("success", 1);
        flyway().validate();

        MigrationReport secondBoot = GuardWithHeal.of(HealSettings.defaults()).migrate(flyway());
        assertThat(secondBoot.heals()).isEmpty();
        assertThat(HistoryRows.read(this.dataSource, HISTORY)).isEqualTo(after);
    }

    @Test
    void incidentReplayedSemanticDriftInV9IsRefusedAndTheDatabaseIsUntouched() throws Exception {
        this.migrations.add("V9__table_9.sql", IncidentMigrations.v9().replace("'a  b'", "'a b'"));
        List<String> dump = TestDatabases.dump(this.db);
        byte[] bytes = Files.readAllBytes(this.db);

        assertThatExceptionOfType(ChecksumDriftException.class)
                .isThrownBy(() -> GuardWithHeal.of(HealSettings.defaults()).migrate(flyway()))
                .withMessageContaining("Version 9 changed after it was applied")
                .withMessageContaining(
                        "recorded in the schema history: V9__table_9.sql (checksum " + appliedChecksum("9") + ")")
                .withMessageContaining(
                        "file on disk now:               V9__table_9.sql (checksum " + localChecksum("9") + ")")
                .withMessageContaining("revert V9__table_9.sql")
                .withMessageContaining("migration-guard.self-heal.versions=9")
                .withMessageContaining("Flyway repair")
                .withMessageContaining("the schema history and the database are exactly as they were");

        assertThat(TestDatabases.dump(this.db)).isEqualTo(dump);
        assertThat(Files.readAllBytes(this.db)).isEqualTo(bytes);
    }

    @Test
    void incidentReplayedSemanticDriftInV9CertifiedInVersionsIsRealigned() {
        this.migrations.add("V9__table_9.sql", IncidentMigrations.v9().replace("'a  b'", "'a b'"));
        List<Map<String, Object>> before = HistoryRows.read(this.dataSource, HISTORY);

        MigrationReport report =
                GuardWithHeal.of(certified(HealMode.REALIGN, "9")).migrate(flyway());

        assertThat(report.heals()).singleElement().satisfies((heal) -> {
            assertThat(heal.reason()).isEqualTo(Heal.Reason.ALLOWLIST);
            assertThat(heal.reapplied()).isFalse();
        });
        assertThat(HistoryRows.without(HistoryRows.read(this.dataSource, HISTORY), "9"))
                .isEqualTo(HistoryRows.without(before, "9"));
        assertThat(rowsOf("t9")).containsExactly("a  b");
        flyway().validate();
    }

    @Test
    void incidentReplayedCertifiedV9InReapplyModeReallyRunsTheScriptAgain() {
        this.migrations.add(
                "V9__table_9.sql",
                "CREATE TABLE IF NOT EXISTS t9 (id INTEGER PRIMARY KEY, name VARCHAR(50));\n"
                        + "CREATE INDEX IF NOT EXISTS t9_name ON t9 (name);\n"
                        + "INSERT OR IGNORE INTO t9 (id, name) VALUES (1, 'a  b');\n"
                        + "INSERT OR IGNORE INTO t9 (id, name) VALUES (2, 'added; by the fix');\n");

        MigrationReport report =
                GuardWithHeal.of(certified(HealMode.REAPPLY, "9")).migrate(flyway());

        assertThat(report.heals()).singleElement().satisfies((heal) -> {
            assertThat(heal.reason()).isEqualTo(Heal.Reason.ALLOWLIST);
            assertThat(heal.reapplied()).isTrue();
        });
        assertThat(rowsOf("t9")).containsExactly("a  b", "added; by the fix");
        flyway().validate();
    }

    @Test
    void fingerprintDriftInReapplyModeIsRealignedWithoutRunningTheScript() {
        this.migrations.add(
                "V9__table_9.sql", "-- reformatted\n" + IncidentMigrations.v9().replace(" (", "("));

        MigrationReport report = GuardWithHeal.of(certified(HealMode.REAPPLY)).migrate(flyway());

        assertThat(report.heals()).singleElement().satisfies((heal) -> {
            assertThat(heal.reason()).isEqualTo(Heal.Reason.FINGERPRINT);
            assertThat(heal.reapplied()).isFalse();
        });
    }

    private Integer appliedChecksum(String version) {
        return (Integer) HistoryRows.version(HistoryRows.read(this.dataSource, HISTORY), version)
                .get("checksum");
    }

    private Integer localChecksum(String version) {
        return Arrays.stream(flyway().info().all())
                .filter((migration) -> version.equals(migration.getVersion().getVersion()))
                .findFirst()
                .orElseThrow()
                .getResolvedChecksum();
    }

    private List<String> rowsOf(String table) {
        return new JdbcTemplate(this.dataSource)
                .queryForList("SELECT name FROM " + table + " ORDER BY id", String.class);
    }

    private static Map<String, Object> withChecksum(Map<String, Object> row, Integer checksum) {
        Map<String, Object> copy = new LinkedHashMap<>(row);
        copy.put("checksum", checksum);
        return copy;
    }

    private static HealSettings certified(HealMode mode, String... versions) {
        return new HealSettings(true, List.of(versions), mode, true, HealSettings.DEFAULT_FINGERPRINT_TABLE);
    }

    private Flyway flyway() {
        return Flyway.configure()
                .dataSource(this.dataSource)
                .locations(this.migrations.location())
                .load();
    }
}
