package io.github.migrationguard.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.migrationguard.heal.ChecksumDriftException;
import io.github.migrationguard.heal.Heal;
import io.github.migrationguard.heal.HealMode;
import io.github.migrationguard.heal.HealSettings;
import io.github.migrationguard.heal.SelfHeal;
import io.github.migrationguard.lint.LintFailOn;
import io.github.migrationguard.lint.LintSettings;
import io.github.migrationguard.restore.RestoreSettings;
import io.github.migrationguard.snapshot.SnapshotAttempt;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.snapshot.SnapshotSettings;
import io.github.migrationguard.snapshot.SnapshotWhen;
import io.github.migrationguard.testing.Migrations;
import io.github.migrationguard.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The order of a guarded boot on real SQLite files: plan, snapshot, heal, migrate. Each test replays a shape of
 * after-release edit seen in real migration histories.
 */
@ExtendWith(OutputCaptureExtension.class)
class GuardedBootPlanTests {

    private static final String V1 = "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT, label TEXT);\n";

    private static final String V2 = "INSERT INTO item (id, name) VALUES (1, 'one'), (2, NULL);\n";

    @TempDir
    Path temp;

    private Path db;

    private Migrations migrations;

    private final MigrationReports reports = new MigrationReports();

    @BeforeEach
    void prepare() {
        this.db = this.temp.resolve("app.db");
        this.migrations = new Migrations(this.temp.resolve("migrations"));
    }

    @Test
    void deleteChangedIntoUpdateAfterReleaseAndReappliedHealsAfterTheSnapshotSoTheSnapshotHoldsTheBootsStart() {
        releaseWithDeleteInV3();
        List<String> before = TestDatabases.dump(this.db);
        this.migrations.add("V3__tidy.sql", "UPDATE item SET label = name WHERE label IS NULL;\n");
        this.migrations.add("V4__index.sql", "CREATE INDEX item_label ON item (label);\n");

        MigrationReport report = guard(reapply("3")).migrate(flyway());

        assertThat(report.heals()).singleElement().satisfies((heal) -> assertThat(heal.reapplied())
                .isTrue());
        assertThat(TestDatabases.dump(preMigrateSnapshot())).isEqualTo(before);
        assertThat(TestDatabases.dump(this.db)).contains("item:|1|one|one");
    }

    @Test
    void failedMigrationAfterAReapplyHealRestoresTheDatabaseTheBootStartedFrom() {
        releaseWithDeleteInV3();
        List<String> before = TestDatabases.dump(this.db);
        this.migrations.add("V3__tidy.sql", "UPDATE item SET label = name WHERE label IS NULL;\n");
        this.migrations.add("V4__broken.sql", "INSERT INTO no_such_table VALUES (1);\n");

        assertThatExceptionOfType(MigrationGuardException.class)
                .isThrownBy(() -> guard(reapply("3")).migrate(flyway()))
                .withMessageContaining("restored from snapshot")
                .withMessageContaining("SQLite said: [SQLITE_ERROR]")
                .withMessageContaining("no such table: no_such_table");
        assertThat(TestDatabases.dump(this.db)).isEqualTo(before);
    }

    @Test
    void descriptionRenamePlusReformattingIsRefusedBeforeAnyWrite() throws IOException {
        release("V2__add_tag.sql", "ALTER TABLE item ADD COLUMN tag TEXT;\n");
        this.migrations.add("V3__more.sql", "ALTER TABLE item ADD COLUMN size INTEGER;\n");
        Files.delete(this.migrations.dir().resolve("V2__add_tag.sql"));
        this.migrations.add("V2__add_label.sql", "-- the label\nALTER TABLE item\n    ADD COLUMN tag TEXT;\n");
        byte[] bytes = Files.readAllBytes(this.db);

        assertThatExceptionOfType(ChecksumDriftException.class)
                .isThrownBy(() -> guard(HealSettings.defaults()).migrate(flyway()))
                .withMessageContaining("Version 2 now belongs to a different migration (or its file was renamed)")
                .withMessageContaining("recorded in the schema history: V2__add_tag.sql")
                .withMessageContaining("file on disk now:               V2__add_label.sql");
        assertThat(Files.readAllBytes(this.db)).isEqualTo(bytes);
        assertThat(this.temp.resolve("backups")).doesNotExist();
    }

    @Test
    void versionNumberReusedByAnotherMigrationIsRefusedEvenWhenCertified() throws IOException {
        release("V2__add_notification_type.sql", "ALTER TABLE item ADD COLUMN notification_type TEXT;\n");
        Files.delete(this.migrations.dir().resolve("V2__add_notification_type.sql"));
        this.migrations.add("V2__drop_legacy.sql", "DROP TABLE IF EXISTS legacy;\n");
        byte[] bytes = Files.readAllBytes(this.db);

        assertThatExceptionOfType(ChecksumDriftException.class)
                .isThrownBy(() -> guard(reapply("2")).migrate(flyway()))
                .withMessageContaining("the schema history records V2__add_notification_type.sql")
                .withMessageContaining("the file on disk is V2__drop_legacy.sql")
                .withMessageContaining("does not help");
        assertThat(Files.readAllBytes(this.db)).isEqualTo(bytes);
    }

    @Test
    void columnRenameReplacingAddAndDropIsRefusedWithoutSnapshotOrRestore(CapturedOutput output) throws IOException {
        release(
                "V2__title.sql",
                "ALTER TABLE item ADD COLUMN title TEXT;\nUPDATE item SET title = name;\n"
                        + "ALTER TABLE item DROP COLUMN name;\n");
        this.migrations.add("V2__title.sql", "ALTER TABLE item RENAME COLUMN name TO title;\n");
        this.migrations.add("V3__more.sql", "ALTER TABLE item ADD COLUMN size INTEGER;\n");
        byte[] bytes = Files.readAllBytes(this.db);

        assertThatExceptionOfType(ChecksumDriftException.class)
                .isThrownBy(() -> guard(HealSettings.defaults()).migrate(flyway()))
                .withMessageContaining("Version 2 changed after it was applied")
                .withMessageContaining("Ways out: revert V2__title.sql");
        assertThat(Files.readAllBytes(this.db)).isEqualTo(bytes);
        assertThat(this.temp.resolve("backups")).doesNotExist();
        assertThat(output.getOut()).doesNotContain("Migration failed").doesNotContain("restor");
    }

    @Test
    void refusedBootIsRecordedWithTheStepAndTheReason() {
        release("V2__seed.sql", V2);
        this.migrations.add("V2__seed.sql", "INSERT INTO item (id, name) VALUES (1, 'uno'), (2, NULL);\n");

        assertThatExceptionOfType(ChecksumDriftException.class)
                .isThrownBy(() -> guard(HealSettings.defaults()).migrate(flyway()));

        assertThat(this.reports.last()).hasValueSatisfying((report) -> {
            assertThat(report.outcome()).isEqualTo(MigrationReport.Outcome.FAILED);
            assertThat(report.failedStep()).isEqualTo(GuardStep.PLAN);
            assertThat(report.failure()).contains("Version 2 changed after it was applied");
            assertThat(report.snapshot()).isNull();
        });
        assertThat(this.reports.state().runs(MigrationReport.Outcome.FAILED).count())
                .isEqualTo(1);
    }

    @Test
    void abortedSnapshotIsRecordedWithTheSnapshotStep() {
        release("V2__seed.sql", V2);
        this.migrations.add("V3__more.sql", "ALTER TABLE item ADD COLUMN size INTEGER;\n");
        GuardSettings settings = new GuardSettings(
                new SnapshotSettings(true, 5, SnapshotWhen.PENDING, true, null, null, null, Long.MAX_VALUE / 2, null),
                HealSettings.defaults());

        assertThatExceptionOfType(SnapshotAbortedException.class)
                .isThrownBy(() -> new GuardedMigration(settings, this.reports, Clock.systemUTC()).migrate(flyway()));

        assertThat(this.reports.last()).hasValueSatisfying((report) -> {
            assertThat(report.failedStep()).isEqualTo(GuardStep.SNAPSHOT);
            assertThat(report.applied()).isZero();
        });
    }

    @Test
    void snapshotVerificationThatSettlesAfterAFailedBootIsStillCounted() {
        release("V1b__parent.sql", "CREATE TABLE parent (id INTEGER PRIMARY KEY);\n");
        this.migrations.add(
                "V3__child.sql",
                "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id));\n"
                        + "INSERT INTO child VALUES (1, 42);\n");
        List<Runnable> verifications = new ArrayList<>();
        GuardSettings failOnWarning = new GuardSettings(
                new SnapshotSettings(null, null, null, 0, null),
                HealSettings.defaults(),
                RestoreSettings.defaults(),
                false,
                new LintSettings(true, LintFailOn.WARNING));
        GuardedMigration guard =
                new GuardedMigration(failOnWarning, this.reports, Clock.systemUTC(), verifications::add, 0);

        assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> guard.migrate(flyway()));
        assertThat(this.reports.last())
                .hasValueSatisfying((report) -> assertThat(report.failedStep()).isEqualTo(GuardStep.AFTER_MIGRATE));
        verifications.forEach(Runnable::run);

        assertThat(this.reports
                        .state()
                        .snapshots(SnapshotLabel.PRE_MIGRATE, SnapshotAttempt.Outcome.SUCCESS)
                        .count())
                .isEqualTo(1);
    }

    @Test
    void keywordCasePassOverTheWholeFolderHealsByFingerprint() {
        this.migrations.add("V3__index.sql", "CREATE INDEX item_name ON item (name);\n");
        release("V2__seed.sql", V2);
        this.migrations
                .add("V1__item.sql", "create table item (id integer primary key, name text, label text);\n")
                .add("V2__seed.sql", "insert into item (id, name) values (1, 'one'), (2, null);\n")
                .add("V3__index.sql", "create index item_name on item (name);\n")
                .add("V4__more.sql", "ALTER TABLE item ADD COLUMN size INTEGER;\n");

        MigrationReport report = guard(HealSettings.defaults()).migrate(flyway());

        assertThat(report.heals()).extracting(Heal::version).containsExactly("1", "2", "3");
        assertThat(report.heals()).extracting(Heal::reason).containsOnly(Heal.Reason.FINGERPRINT);
        assertThat(report.outcome()).isEqualTo(MigrationReport.Outcome.SUCCESS);
    }

    @Test
    void keywordCaseInsideLiteralsStillCounts() {
        release("V2__seed.sql", V2);
        this.migrations.add("V2__seed.sql", "INSERT INTO item (id, name) VALUES (1, 'ONE'), (2, NULL);\n");

        assertThatExceptionOfType(ChecksumDriftException.class)
                .isThrownBy(() -> guard(HealSettings.defaults()).migrate(flyway()))
                .withMessageContaining("more than whitespace, comments or keyword case changed");
    }

    private void releaseWithDeleteInV3() {
        this.migrations.add("V1__item.sql", V1).add("V2__seed.sql", V2);
        this.migrations.add("V3__tidy.sql", "DELETE FROM item WHERE name IS NULL;\n");
        flyway().migrate();
    }

    private void release(String script, String sql) {
        this.migrations.add("V1__item.sql", V1).add(script, sql);
        Flyway flyway = flyway();
        flyway.migrate();
        new SelfHeal(HealSettings.defaults(), Clock.systemUTC())
                .recordFingerprints(flyway, flyway.info().applied());
    }

    private Path preMigrateSnapshot() {
        try (Stream<Path> files = Files.list(this.temp.resolve("backups"))) {
            return files.filter((file) -> file.getFileName().toString().startsWith("pre-migrate-"))
                    .findFirst()
                    .orElseThrow();
        } catch (IOException ex) {
            throw new AssertionError(ex);
        }
    }

    private Flyway flyway() {
        return this.migrations.flyway(TestDatabases.wal(this.db));
    }

    private GuardedMigration guard(HealSettings heal) {
        return new GuardedMigration(settings(heal), this.reports, Clock.systemUTC());
    }

    private static GuardSettings settings(HealSettings heal) {
        return new GuardSettings(new SnapshotSettings(null, null, null, 0, null), heal);
    }

    private static HealSettings reapply(String version) {
        return new HealSettings(true, List.of(version), HealMode.REAPPLY, true, HealSettings.DEFAULT_FINGERPRINT_TABLE);
    }
}
