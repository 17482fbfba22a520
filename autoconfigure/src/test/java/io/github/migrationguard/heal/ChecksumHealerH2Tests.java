package io.github.migrationguard.heal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.github.migrationguard.strategy.MigrationReport;
import io.github.migrationguard.testing.IncidentMigrations;
import io.github.migrationguard.testing.Migrations;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Self-heal needs only Flyway: the same incident on H2, which is not SQLite.
 */
class ChecksumHealerH2Tests {

    @TempDir
    Path temp;

    private JdbcDataSource dataSource;

    private Migrations migrations;

    @BeforeEach
    void prepare() {
        this.dataSource = new JdbcDataSource();
        this.dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        this.migrations = IncidentMigrations.writeTen(this.temp.resolve("migrations"));
    }

    @Test
    void incidentReplayedOnH2WhitespaceDriftInV9HealsByFingerprint() {
        GuardWithHeal.of(HealSettings.defaults()).migrate(configure().load());
        this.migrations.add(
                "V9__table_9.sql",
                "/* reformatted */\n" + IncidentMigrations.v9().replace(";", " ;\n"));
        assertThatExceptionOfType(FlywayException.class)
                .isThrownBy(() -> configure().load().validate());

        MigrationReport report =
                GuardWithHeal.of(HealSettings.defaults()).migrate(configure().load());

        assertThat(report.heals())
                .extracting(Heal::version, Heal::reason)
                .containsExactly(tuple("9", Heal.Reason.FINGERPRINT));
        configure().load().validate();
        assertThat(GuardWithHeal.of(HealSettings.defaults())
                        .migrate(configure().load())
                        .heals())
                .isEmpty();
    }

    @Test
    void healsInFlywaysConfiguredSchemaOnH2() {
        GuardWithHeal.of(HealSettings.defaults())
                .migrate(configure().defaultSchema("app").load());
        assertThat(new JdbcTemplate(this.dataSource)
                        .queryForObject("SELECT COUNT(*) FROM \"app\".\"migration_guard_fingerprint\"", Integer.class))
                .isEqualTo(10);
        this.migrations.add(
                "V3__table_3.sql", "-- comment\nCREATE TABLE t3 (id INTEGER PRIMARY KEY,name VARCHAR(50));");

        MigrationReport report = GuardWithHeal.of(HealSettings.defaults())
                .migrate(configure().defaultSchema("app").load());

        assertThat(report.heals()).extracting(Heal::version).containsExactly("3");
        configure().defaultSchema("app").load().validate();
    }

    @Test
    void semanticDriftOnH2IsRefused() {
        GuardWithHeal.of(HealSettings.defaults()).migrate(configure().load());
        this.migrations.add("V9__table_9.sql", IncidentMigrations.v9().replace("'a  b'", "'a b'"));
        assertThatExceptionOfType(ChecksumDriftException.class)
                .isThrownBy(() -> GuardWithHeal.of(HealSettings.defaults())
                        .migrate(configure().load()))
                .withMessageContaining("Version 9 changed after it was applied");
    }

    @Test
    void certifiedDriftOnH2IsReapplied() {
        GuardWithHeal.of(HealSettings.defaults()).migrate(configure().load());
        this.migrations.add(
                "V9__table_9.sql",
                IncidentMigrations.v9()
                        .replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS")
                        .replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS")
                        .replace(
                                "INSERT INTO t9 (id, name) VALUES (1, 'a  b')",
                                "MERGE INTO t9 (id, name) KEY (id) VALUES (1, 'a  b'), (2, 'c')"));
        HealSettings reapply =
                new HealSettings(true, List.of("9"), HealMode.REAPPLY, true, "migration_guard_fingerprint");

        assertThat(GuardWithHeal.of(reapply).migrate(configure().load()).heals())
                .extracting(Heal::reapplied)
                .containsExactly(true);
        assertThat(new JdbcTemplate(this.dataSource).queryForList("SELECT name FROM t9 ORDER BY id", String.class))
                .containsExactly("a  b", "c");
    }

    private FluentConfiguration configure() {
        return Flyway.configure().dataSource(this.dataSource).locations(this.migrations.location());
    }
}
