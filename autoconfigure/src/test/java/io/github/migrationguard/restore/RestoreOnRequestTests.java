package io.github.migrationguard.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.migrationguard.snapshot.SnapshotDirectory;
import io.github.migrationguard.snapshot.SnapshotDirectory.StoredSnapshot;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.strategy.MigrationGuardException;
import io.github.migrationguard.strategy.MigrationReport;
import io.github.migrationguard.strategy.MigrationReports;
import io.github.migrationguard.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

class RestoreOnRequestTests {

    @TempDir
    Path temp;

    private Path db;

    private DataSource dataSource;

    private UpgradeScripts migrations;

    private SnapshotDirectory backups;

    @BeforeEach
    void applicationAtV2WithASnapshotTakenBeforeV2() {
        this.db = this.temp.resolve("app.db");
        this.dataSource = TestDatabases.wal(this.db);
        this.migrations = new UpgradeScripts(this.temp.resolve("migrations"))
                .add("V1__notes.sql", "CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL);");
        this.migrations.flyway(this.dataSource).migrate();
        jdbc().update("INSERT INTO note (body) VALUES ('before v2')");
        this.migrations.add("V2__tags.sql", "CREATE TABLE tag (id INTEGER PRIMARY KEY);");
        run(RestoreSettings.defaults());
        this.backups = new SnapshotDirectory(this.temp.resolve("backups"));
        assertThat(this.backups.list(SnapshotLabel.PRE_MIGRATE)).hasSize(1);
        jdbc().update("INSERT INTO note (body) VALUES ('after v2')");
    }

    @Test
    void restoreLatestTakesAPreRestoreSnapshotThenRestoresTheNewestSnapshot() {
        List<String> current = TestDatabases.dump(this.db);
        Path latest = this.backups.list(SnapshotLabel.PRE_MIGRATE).get(0).file();
        MigrationReport report = run(request("latest", false));
        assertThat(report.restores().get(0)).satisfies((restore) -> {
            assertThat(restore.trigger()).isEqualTo(RestoreTrigger.STARTUP);
            assertThat(restore.outcome()).isEqualTo(RestoreRecord.Outcome.SUCCESS);
            assertThat(restore.snapshot()).isEqualTo(latest);
        });
        assertThat(notes()).containsExactly("before v2");
        List<StoredSnapshot> preRestore = this.backups.list(SnapshotLabel.PRE_RESTORE);
        assertThat(preRestore).singleElement();
        assertThat(TestDatabases.dump(preRestore.get(0).file())).isEqualTo(current);
        assertThat(jdbc().queryForObject("SELECT request FROM migration_guard_restore", String.class))
                .isEqualTo("latest");
    }

    @Test
    void restoreByFileName() {
        Path snapshot = this.backups.list(SnapshotLabel.PRE_MIGRATE).get(0).file();
        run(request(snapshot.getFileName().toString(), false));
        assertThat(notes()).containsExactly("before v2");
    }

    @Test
    void incidentRestoreLatestLeftInTheConfigurationDoesNotUndoLaterWrites() {
        // Step 1: the operator restores with latest; pending V2 re-applies and takes a new pre-migrate snapshot
        MigrationReport first = run(request("latest", false));
        assertThat(first.restores())
                .singleElement()
                .extracting(RestoreRecord::outcome)
                .isEqualTo(RestoreRecord.Outcome.SUCCESS);
        assertThat(first.applied()).isEqualTo(1);
        assertThat(this.backups.list(SnapshotLabel.PRE_MIGRATE)).hasSize(2);
        // Step 2: the application writes rows
        jdbc().update("INSERT INTO note (body) VALUES ('written after the restore')");
        List<String> written = TestDatabases.dump(this.db);
        // Step 3: a reboot with the same flag restores nothing and says so
        MigrationReport second = run(request("latest", false));
        assertThat(second.restores()).singleElement().satisfies((restore) -> {
            assertThat(restore.outcome()).isEqualTo(RestoreRecord.Outcome.SKIPPED);
            assertThat(restore.message()).contains("already carried out").contains("Remove the property");
        });
        // Step 4: the rows survive
        assertThat(TestDatabases.dump(this.db)).isEqualTo(written);
        assertThat(notes()).contains("written after the restore");
    }

    @Test
    void forceCarriesOutARequestAgain() {
        run(request("latest", false));
        jdbc().update("INSERT INTO note (body) VALUES ('written after the restore')");
        MigrationReport forced = run(request("latest", true));
        assertThat(forced.restores().get(0).outcome()).isEqualTo(RestoreRecord.Outcome.SUCCESS);
        assertThat(notes()).doesNotContain("written after the restore");
        assertThat(jdbc().queryForList("SELECT request FROM migration_guard_restore", String.class))
                .containsExactly("latest", "latest");
    }

    @Test
    void latestNeverPicksAPreRestoreSnapshot() {
        Path preMigrate = this.backups.list(SnapshotLabel.PRE_MIGRATE).get(0).file();
        run(request("latest", false));
        MigrationReport again = run(request("latest", true));
        assertThat(this.backups.list(SnapshotLabel.PRE_RESTORE)).hasSize(2);
        assertThat(again.restores().get(0).snapshot().getFileName().toString())
                .startsWith("pre-migrate-")
                .isNotEqualTo(preMigrate.getFileName().toString());
    }

    @Test
    void missingSnapshotNameFailsStartupAndTouchesNothing() throws Exception {
        List<String> before = TestDatabases.dump(this.db);
        assertThatExceptionOfType(MigrationGuardException.class)
                .isThrownBy(() -> run(request("pre-migrate-20200101T000000.000Z.db", false)))
                .withMessageContaining("migration-guard.restore.from=pre-migrate-20200101T000000.000Z.db")
                .withMessageContaining("does not exist")
                .withMessageContaining("nothing was changed");
        assertUntouched(before);
    }

    @Test
    void fileThatIsNotSqliteNamedLikeASnapshotFailsStartupAndTouchesNothing() throws Exception {
        List<String> before = TestDatabases.dump(this.db);
        Files.writeString(this.backups.path().resolve("manual-20200101T000000.000Z-fake.db"), "not a database");
        assertThatExceptionOfType(MigrationGuardException.class)
                .isThrownBy(() -> run(request("manual-20200101T000000.000Z-fake.db", false)))
                .withMessageContaining("migration-guard.restore.from=manual-20200101T000000.000Z-fake.db")
                .withMessageContaining("cannot be restored");
        assertUntouched(before);
    }

    @Test
    void sqliteFileWithoutTheSchemaHistoryIsRefusedAndNothingChanges() throws Exception {
        List<String> before = TestDatabases.dump(this.db);
        anotherApplicationsDatabase("manual-20200101T000000.000Z-other-app.db", null);
        assertThatExceptionOfType(MigrationGuardException.class)
                .isThrownBy(() -> run(request("manual-20200101T000000.000Z-other-app.db", false)))
                .withMessageContaining("not a snapshot of this application's database")
                .withMessageContaining("no Flyway schema history table flyway_schema_history")
                .withMessageContaining("migration-guard.restore.force=true");
        assertUntouched(before);
    }

    @Test
    void sqliteFileWhoseHistoryAppliedOtherScriptsIsRefused() throws Exception {
        List<String> before = TestDatabases.dump(this.db);
        anotherApplicationsDatabase("manual-20200101T000000.000Z-other-app.db", "V1__users.sql");
        assertThatExceptionOfType(MigrationGuardException.class)
                .isThrownBy(() -> run(request("manual-20200101T000000.000Z-other-app.db", false)))
                .withMessageContaining("version 1 was applied from V1__users.sql there and from V1__notes.sql here");
        assertUntouched(before);
    }

    @Test
    void forceRestoresAFileWithoutTheSchemaHistory() throws Exception {
        anotherApplicationsDatabase("manual-20200101T000000.000Z-other-app.db", null);
        // Restored as asked; Flyway then refuses the database without a history, and startup stops there
        assertThatExceptionOfType(MigrationGuardException.class)
                .isThrownBy(() -> run(request("manual-20200101T000000.000Z-other-app.db", true)))
                .withMessageContaining("no schema history table");
        assertThat(jdbc().queryForObject("SELECT count(*) FROM account", Integer.class))
                .isEqualTo(1);
    }

    private void anotherApplicationsDatabase(String name, String firstScript) {
        JdbcTemplate other =
                new JdbcTemplate(TestDatabases.wal(this.backups.path().resolve(name)));
        other.execute("CREATE TABLE account (id INTEGER PRIMARY KEY)");
        other.update("INSERT INTO account (id) VALUES (1)");
        if (firstScript != null) {
            other.execute("CREATE TABLE flyway_schema_history (installed_rank INT, version TEXT, script TEXT, "
                    + "success INT)");
            other.update("INSERT INTO flyway_schema_history VALUES (1, '1', ?, 1)", firstScript);
        }
        other.execute("PRAGMA journal_mode=DELETE");
    }

    @Test
    void fileWhoseNameIsNotASnapshotNameFailsStartup() throws Exception {
        Files.copy(this.backups.list().get(0).file(), this.backups.path().resolve("my-copy.db"));
        assertThatExceptionOfType(MigrationGuardException.class)
                .isThrownBy(() -> run(request("my-copy.db", false)))
                .withMessageContaining("is not a snapshot name");
    }

    @Test
    void latestWithOnlyPreRestoreSnapshotsFailsStartup() throws Exception {
        Files.delete(this.backups.list(SnapshotLabel.PRE_MIGRATE).get(0).file());
        assertThatExceptionOfType(MigrationGuardException.class)
                .isThrownBy(() -> run(request("latest", false)))
                .withMessageContaining("migration-guard.restore.from=latest")
                .withMessageContaining("holds no snapshot");
    }

    @Test
    void restoreRequestAgainstADatabaseThatIsNotSqliteFailsStartup() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:restore;DB_CLOSE_DELAY=-1");
        assertThatExceptionOfType(MigrationGuardException.class)
                .isThrownBy(() -> RestoreOnFailureTests.guarded(request("latest", false), new MigrationReports())
                        .migrate(this.migrations.flyway(h2)))
                .withMessageContaining("migration-guard.restore.from=latest")
                .withMessageContaining("not SQLite");
    }

    private void assertUntouched(List<String> before) {
        assertThat(TestDatabases.dump(this.db)).isEqualTo(before);
        assertThat(this.backups.list(SnapshotLabel.PRE_RESTORE)).isEmpty();
    }

    private MigrationReport run(RestoreSettings settings) {
        return RestoreOnFailureTests.guarded(settings, new MigrationReports())
                .migrate(this.migrations.flyway(this.dataSource));
    }

    private static RestoreSettings request(String from, boolean force) {
        return new RestoreSettings(true, from, force);
    }

    private JdbcTemplate jdbc() {
        return new JdbcTemplate(this.dataSource);
    }

    private List<String> notes() {
        return jdbc().queryForList("SELECT body FROM note ORDER BY id", String.class);
    }
}
