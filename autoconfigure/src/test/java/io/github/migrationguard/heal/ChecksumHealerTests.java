package io.github.migrationguard.heal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.migrationguard.sql.SqlDialect;
import io.github.migrationguard.testing.HistoryRows;
import io.github.migrationguard.testing.MigrationJars;
import io.github.migrationguard.testing.Migrations;
import io.github.migrationguard.testing.TestDatabases;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

@ExtendWith(OutputCaptureExtension.class)
class ChecksumHealerTests {

    private static final String V1 = "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT);\n";

    private static final String V1_REFORMATTED =
            "-- items\nCREATE TABLE item (\n  id INTEGER PRIMARY KEY,\n  name TEXT\n);\n";

    @TempDir
    Path temp;

    private DataSource dataSource;

    private Migrations migrations;

    @BeforeEach
    void prepare() {
        this.dataSource = TestDatabases.wal(this.temp.resolve("app.db"));
        this.migrations = new Migrations(this.temp.resolve("migrations"));
    }

    @Test
    void fingerprintsAreRecordedAfterMigrateForMigrationsAppliedBeforeTheStarter() {
        this.migrations.add("V1__item.sql", V1).add("V2__more.sql", "ALTER TABLE item ADD COLUMN size INTEGER;");
        configure().load().migrate();
        assertThat(recorder().record(configure().load())).isEqualTo(2);
        assertThat(fingerprintRows()).extracting((row) -> row.get("version")).containsExactly("1", "2");
        assertThat(recorder().record(configure().load())).isZero();
    }

    @Test
    void fingerprintsOfClasspathMigrationsAreTheFingerprintsOfTheirFiles() throws Exception {
        Flyway flyway = Flyway.configure()
                .dataSource(this.dataSource)
                .locations("classpath:db/heal")
                .load();
        flyway.migrate();
        recorder().record(flyway);
        String file = new String(
                getClass().getResourceAsStream("/db/heal/V1__item.sql").readAllBytes(), StandardCharsets.UTF_8);
        assertThat(fingerprintRows()).singleElement().satisfies((row) -> assertThat(row)
                .containsEntry("fingerprint", Fingerprint.of(file, SqlDialect.STANDARD)));
    }

    @Test
    void driftBeforeAnyFingerprintWasRecordedIsRefused() {
        this.migrations.add("V1__item.sql", V1);
        configure().load().migrate();
        this.migrations.add("V1__item.sql", V1_REFORMATTED);
        assertThatExceptionOfType(ChecksumDriftException.class)
                .isThrownBy(
                        () -> healer(HealSettings.defaults()).heal(configure().load()))
                .withMessageContaining(
                        "no fingerprint of the applied content is recorded in migration_guard_fingerprint");
    }

    @Test
    void cosmeticDriftOfAMigrationShippedInAJarIsHealedByFingerprint() throws Exception {
        try (URLClassLoader release1 =
                MigrationJars.write(this.temp.resolve("app-1.jar"), Map.of("db/jarred/V1__item.sql", V1))) {
            Flyway flyway = configure(release1).load();
            flyway.migrate();
            recorder().record(flyway);
        }
        try (URLClassLoader release2 =
                MigrationJars.write(this.temp.resolve("app-2.jar"), Map.of("db/jarred/V1__item.sql", V1_REFORMATTED))) {
            assertThat(healer(HealSettings.defaults()).heal(configure(release2).load()))
                    .singleElement()
                    .satisfies((heal) -> {
                        assertThat(heal.script()).isEqualTo("V1__item.sql");
                        assertThat(heal.reason()).isEqualTo(Heal.Reason.FINGERPRINT);
                    });
            assertThat(configure(release2).load().validateWithResult().validationSuccessful)
                    .isTrue();
        }
    }

    @Test
    void whitespaceDriftIsRefusedWhenFingerprintsAreOff() {
        applyAndRecord(V1);
        this.migrations.add("V1__item.sql", V1_REFORMATTED);
        HealSettings off = new HealSettings(true, List.of(), HealMode.REALIGN, false, "migration_guard_fingerprint");
        assertThatExceptionOfType(ChecksumDriftException.class)
                .isThrownBy(() -> healer(off).heal(configure().load()))
                .withMessageContaining("migration-guard.self-heal.fingerprint is off");
    }

    @Test
    void disabledSelfHealRefusesTheMismatchWithoutWriting() {
        applyAndRecord(V1);
        List<Map<String, Object>> before = HistoryRows.read(this.dataSource, "flyway_schema_history");
        this.migrations.add("V1__item.sql", V1_REFORMATTED);
        HealSettings disabled = new HealSettings(false, List.of("1"), HealMode.REALIGN, true, "t");
        assertThatExceptionOfType(ChecksumDriftException.class)
                .isThrownBy(() -> healer(disabled).heal(configure().load()))
                .withMessageContaining("migration-guard.self-heal.enabled is false");
        assertThat(HistoryRows.read(this.dataSource, "flyway_schema_history")).isEqualTo(before);
    }

    @Test
    void otherValidationErrorsAreRefusedInTheSamePlanBeforeAnyHeal() throws Exception {
        this.migrations.add("V2__more.sql", "ALTER TABLE item ADD COLUMN size INTEGER;");
        applyAndRecord(V1);
        List<Map<String, Object>> before = HistoryRows.read(this.dataSource, "flyway_schema_history");
        Files.move(
                this.migrations.dir().resolve("V2__more.sql"),
                this.migrations.dir().resolve("V2__renamed.sql"));
        this.migrations.add("V1__item.sql", V1_REFORMATTED);
        HealPlan plan = healer(HealSettings.defaults())
                .plan(
                        configure().load(),
                        configure().load().validateWithResult(),
                        configure().load().info());
        assertThat(plan.heals()).extracting(Heal::version).containsExactly("1");
        assertThat(plan.problems())
                .singleElement()
                .asString()
                .startsWith("Version 2 (")
                .contains("V2__renamed.sql")
                .contains("description mismatch");
        assertThatExceptionOfType(ChecksumDriftException.class).isThrownBy(() -> healer(HealSettings.defaults())
                .heal(configure().load()));
        assertThat(HistoryRows.read(this.dataSource, "flyway_schema_history")).isEqualTo(before);
    }

    @Test
    void javaMigrationsWithoutChecksumAreIgnored() {
        this.migrations.add("V1__item.sql", V1).add("V3__more.sql", "ALTER TABLE item ADD COLUMN size INTEGER;");
        Flyway flyway = configure().javaMigrations(new V2__Seed()).load();
        flyway.migrate();
        recorder().record(flyway);
        assertThat(fingerprintRows()).extracting((row) -> row.get("version")).containsExactly("1", "3");
        this.migrations.add("V1__item.sql", V1_REFORMATTED);
        assertThat(healer(HealSettings.defaults())
                        .heal(configure().javaMigrations(new V2__Seed()).load()))
                .extracting(Heal::version)
                .containsExactly("1");
    }

    @Test
    void repeatableMigrationsAreLeftForFlywayToRerun() {
        this.migrations.add("R__names.sql", "CREATE VIEW IF NOT EXISTS names AS SELECT name FROM item;");
        applyAndRecord(V1);
        this.migrations.add(
                "R__names.sql", "DROP VIEW IF EXISTS names;\nCREATE VIEW names AS SELECT id, name FROM item;");
        assertThat(healer(HealSettings.defaults()).heal(configure().load())).isEmpty();
        assertThat(configure().load().migrate().migrationsExecuted).isEqualTo(1);
    }

    @Test
    void reapplyReplacesFlywayPlaceholders() {
        this.migrations
                .add("V1__item.sql", V1)
                .add("V2__seed.sql", "INSERT INTO item (id, name) VALUES (1, '${owner}');");
        Flyway flyway = configure().placeholders(Map.of("owner", "alice")).load();
        flyway.migrate();
        this.migrations.add(
                "V2__seed.sql", "INSERT OR IGNORE INTO item (id, name) VALUES (2, '${owner} in ${flyway:table}');");
        HealSettings reapply =
                new HealSettings(true, List.of("2"), HealMode.REAPPLY, true, "migration_guard_fingerprint");
        assertThat(healer(reapply)
                        .heal(configure().placeholders(Map.of("owner", "bob")).load()))
                .singleElement()
                .extracting(Heal::reapplied)
                .isEqualTo(true);
        assertThat(new JdbcTemplate(this.dataSource).queryForList("SELECT name FROM item ORDER BY id", String.class))
                .containsExactly("alice", "bob in flyway_schema_history");
    }

    @Test
    void reapplyLeavesPlaceholdersAloneInAScriptWhoseConfTurnsReplacementOff() {
        this.migrations
                .add("V1__item.sql", V1)
                .add("V2__seed.sql", "INSERT INTO item (id, name) VALUES (1, '${owner}');")
                .add("V2__seed.sql.conf", "placeholderReplacement=false\n");
        configure().load().migrate();
        this.migrations.add("V2__seed.sql", "INSERT OR IGNORE INTO item (id, name) VALUES (2, '${owner}');");
        HealSettings reapply =
                new HealSettings(true, List.of("2"), HealMode.REAPPLY, true, "migration_guard_fingerprint");
        healer(reapply).heal(configure().load());
        assertThat(new JdbcTemplate(this.dataSource).queryForList("SELECT name FROM item ORDER BY id", String.class))
                .as("as Flyway itself ran the script")
                .containsExactly("${owner}", "${owner}");
    }

    @Test
    void reapplyThatFailsIsRolledBackAndStopsStartup() {
        this.migrations.add("V2__seed.sql", "INSERT INTO item (id, name) VALUES (1, 'seed');");
        applyAndRecord(V1);
        List<Map<String, Object>> before = HistoryRows.read(this.dataSource, "flyway_schema_history");
        this.migrations.add(
                "V2__seed.sql",
                "INSERT INTO item (id, name) VALUES (2, 'two');\nINSERT INTO item (id, name) VALUES (1, 'seed');");
        HealSettings reapply =
                new HealSettings(true, List.of("2"), HealMode.REAPPLY, true, "migration_guard_fingerprint");
        assertThatExceptionOfType(ChecksumDriftException.class)
                .isThrownBy(() -> healer(reapply).heal(configure().load()))
                .withMessageContaining(
                        "Could not heal migration 2 (V2__seed.sql) by allowlist (re-running the certified script)")
                .withMessageContaining("migration-guard.self-heal.mode=realign");
        assertThat(HistoryRows.read(this.dataSource, "flyway_schema_history")).isEqualTo(before);
        assertThat(new JdbcTemplate(this.dataSource).queryForList("SELECT name FROM item ORDER BY id", String.class))
                .containsExactly("seed");
    }

    @Test
    void placeholderValuesAreNotPartOfTheFingerprint() {
        this.migrations.add("V1__item.sql", "CREATE TABLE ${prefix}item (id INTEGER PRIMARY KEY);");
        Flyway flyway = configure().placeholders(Map.of("prefix", "a_")).load();
        flyway.migrate();
        recorder().record(flyway);
        this.migrations.add("V1__item.sql", "CREATE TABLE ${prefix}item (\n  id INTEGER PRIMARY KEY\n); -- same\n");
        assertThat(healer(HealSettings.defaults())
                        .heal(configure().placeholders(Map.of("prefix", "b_")).load()))
                .extracting(Heal::reason)
                .containsExactly(Heal.Reason.FINGERPRINT);
    }

    @Test
    void renamedHistoryTableIsTheOneHealed() {
        this.migrations.add("V1__item.sql", V1);
        Flyway flyway = configure().table("schema_log").load();
        flyway.migrate();
        recorder().record(flyway);
        List<Map<String, Object>> before = HistoryRows.read(this.dataSource, "schema_log");
        this.migrations.add("V1__item.sql", V1_REFORMATTED);
        List<Heal> heals = healer(HealSettings.defaults())
                .heal(configure().table("schema_log").load());
        assertThat(heals).hasSize(1);
        assertThat(HistoryRows.version(HistoryRows.read(this.dataSource, "schema_log"), "1"))
                .containsEntry("checksum", heals.get(0).newChecksum())
                .isNotEqualTo(HistoryRows.version(before, "1"));
        configure().table("schema_log").load().validate();
    }

    @Test
    void fingerprintTableNameIsConfigurable() {
        this.migrations.add("V1__item.sql", V1);
        configure().load().migrate();
        HealSettings custom = new HealSettings(true, List.of(), HealMode.REALIGN, true, "guard_prints");
        new FingerprintRecorder(custom, Clock.systemUTC()).record(configure().load());
        assertThat(new JdbcTemplate(this.dataSource).queryForObject("SELECT COUNT(*) FROM guard_prints", Integer.class))
                .isEqualTo(1);
        this.migrations.add("V1__item.sql", V1_REFORMATTED);
        assertThat(healer(custom).heal(configure().load())).hasSize(1);
    }

    @Test
    void listedVersionsWithNothingToHealLogOneWarning(CapturedOutput output) {
        applyAndRecord(V1);
        HealSettings listed =
                new HealSettings(true, List.of("1", "7"), HealMode.REALIGN, true, "migration_guard_fingerprint");
        assertThat(healer(listed).heal(configure().load())).isEmpty();
        assertThat(output.getOut()
                        .lines()
                        .filter((line) -> line.contains("WARN") && line.contains(ChecksumHealer.class.getSimpleName())))
                .singleElement()
                .asString()
                .contains("migration-guard.self-heal.versions lists 1 (checksum matches its file), 7 (not applied)");
    }

    @Test
    void everyHealIsLoggedAsAWarningWithBothChecksums(CapturedOutput output) {
        applyAndRecord(V1);
        this.migrations.add("V1__item.sql", V1_REFORMATTED);
        Heal heal = healer(HealSettings.defaults()).heal(configure().load()).get(0);
        assertThat(output.getOut())
                .contains("WARN")
                .contains("migration 1 (V1__item.sql) by fingerprint")
                .contains(heal.oldChecksum() + " -> " + heal.newChecksum());
    }

    @Test
    void fingerprintRecordedInTheFirstFormatStillProvesWhitespaceDrift() {
        applyAndRecord(V1);
        new JdbcTemplate(this.dataSource)
                .update(
                        "UPDATE migration_guard_fingerprint SET fingerprint = ? WHERE version = '1'",
                        Fingerprint.like(V1, SqlDialect.STANDARD, "sha256:"));
        this.migrations.add("V1__item.sql", V1_REFORMATTED);
        assertThat(healer(HealSettings.defaults()).heal(configure().load()))
                .extracting(Heal::reason)
                .containsExactly(Heal.Reason.FINGERPRINT);
    }

    private void applyAndRecord(String v1) {
        this.migrations.add("V1__item.sql", v1);
        Flyway flyway = configure().load();
        flyway.migrate();
        recorder().record(flyway);
    }

    private List<Map<String, Object>> fingerprintRows() {
        return new JdbcTemplate(this.dataSource)
                .queryForList("SELECT * FROM migration_guard_fingerprint ORDER BY version");
    }

    private FluentConfiguration configure(ClassLoader classLoader) {
        return Flyway.configure(classLoader).dataSource(this.dataSource).locations("classpath:db/jarred");
    }

    private FluentConfiguration configure() {
        return Flyway.configure().dataSource(this.dataSource).locations(this.migrations.location());
    }

    private static ChecksumHealer healer(HealSettings settings) {
        return new ChecksumHealer(settings);
    }

    private static FingerprintRecorder recorder() {
        return new FingerprintRecorder(HealSettings.defaults(), Clock.systemUTC());
    }

    static class V2__Seed extends BaseJavaMigration {

        @Override
        public void migrate(Context context) throws Exception {
            try (var statement = context.getConnection().createStatement()) {
                statement.execute("INSERT INTO item (id, name) VALUES (1, 'seed')");
            }
        }
    }
}
