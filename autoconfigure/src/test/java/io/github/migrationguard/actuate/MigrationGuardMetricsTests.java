package io.github.migrationguard.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.migrationguard.heal.Heal;
import io.github.migrationguard.restore.RestoreRecord;
import io.github.migrationguard.restore.RestoreTrigger;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.strategy.GuardedMigration;
import io.github.migrationguard.strategy.LiveSnapshots;
import io.github.migrationguard.strategy.MigrationReports;
import io.github.migrationguard.strategy.RestoreFailedException;
import io.github.migrationguard.testing.GuardedApplication;
import io.github.migrationguard.testing.RunReports;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class MigrationGuardMetricsTests {

    @TempDir
    Path temp;

    private GuardedApplication app;

    private ApplicationContextRunner runner;

    @BeforeEach
    void createApplication() {
        this.app = new GuardedApplication(this.temp);
        this.runner = this.app.runner(
                MetricsAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class);
    }

    @Test
    void snapshotTimerCountsThePreMigrateSnapshotOfAnUpgrade() {
        this.runner.run((context) -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            FunctionTimer timer = countedOnce(registry, "pre-migrate");
            assertThat(timer.getId().getBaseUnit()).isEqualTo("seconds");
            assertThat(registry.get("migration.guard.snapshot").functionTimers())
                    .hasSize(16)
                    .allSatisfy((meter) -> assertThat(meter.getId().getTags())
                            .extracting(Tag::getKey)
                            .containsExactly("label", "outcome"));
        });
    }

    @Test
    void snapshotSizeGaugeIsTheLastSnapshotInBytes() {
        this.runner.run((context) -> {
            Gauge gauge = context.getBean(MeterRegistry.class)
                    .get("migration.guard.snapshot.size")
                    .gauge();
            Path snapshot = context.getBean(LiveSnapshots.class)
                    .directory()
                    .orElseThrow()
                    .list()
                    .get(0)
                    .file();
            assertThat(gauge.value()).isEqualTo((double) Files.size(snapshot));
            assertThat(gauge.getId().getBaseUnit()).isEqualTo("bytes");
            assertThat(gauge.getId().getTags()).isEmpty();
        });
    }

    @Test
    void retainedGaugeAndPrunedCounterFollowRetention() {
        this.runner.withPropertyValues("migration-guard.snapshot.keep=1").run((context) -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("migration.guard.snapshots.retained")
                            .gauge()
                            .value())
                    .isEqualTo(1);
            LiveSnapshots snapshots = context.getBean(LiveSnapshots.class);
            snapshots.take(SnapshotLabel.MANUAL, "one", 1);
            snapshots.take(SnapshotLabel.MANUAL, "two", 1);
            assertThat(registry.get("migration.guard.snapshots.retained")
                            .gauge()
                            .value())
                    .isEqualTo(2);
            FunctionCounter pruned =
                    registry.get("migration.guard.snapshots.pruned").functionCounter();
            assertThat(pruned.count()).isEqualTo(1);
            assertThat(pruned.getId().getTags()).isEmpty();
        });
    }

    @Test
    void healCounterIsTaggedWithVersionAndReasonAfterARealHeal() {
        // First start applies version 2 and records its fingerprint; then only a comment changes in its file
        this.runner.run((context) -> assertThat(context.getBean(MeterRegistry.class)
                        .find("migration.guard.heal")
                        .meters())
                .isEmpty());
        this.app
                .migrations()
                .add(
                        "V2__book.sql",
                        "-- books of an author\n"
                                + "CREATE TABLE book (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES author(id));\n");
        this.runner.run((context) -> {
            FunctionCounter heal = context.getBean(MeterRegistry.class)
                    .get("migration.guard.heal")
                    .tags("version", "2", "reason", "fingerprint")
                    .functionCounter();
            assertThat(heal.count()).isEqualTo(1);
        });
    }

    @Test
    void healCounterAppearsWhenAVersionFirstHealsAfterBinding() {
        this.runner.run((context) -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            context.getBean(MigrationReports.class).record(RunReports.healed("7", Heal.Reason.ALLOWLIST));
            assertThat(registry.get("migration.guard.heal")
                            .tags("version", "7", "reason", "allowlist")
                            .functionCounter()
                            .count())
                    .isEqualTo(1);
        });
    }

    @Test
    void migrateTimerIsTaggedWithTheOutcome() {
        this.runner.run((context) -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            FunctionTimer success = registry.get("migration.guard.migrate")
                    .tags("outcome", "success")
                    .functionTimer();
            assertThat(success.count()).isEqualTo(1);
            assertThat(success.getId().getBaseUnit()).isEqualTo("seconds");
            assertThat(registry.get("migration.guard.migrate").functionTimers())
                    .extracting((meter) -> meter.getId().getTag("outcome"))
                    .containsExactlyInAnyOrder("success", "nothing_pending", "failed", "restored");
        });
    }

    @Test
    void restoreCounterHasEveryTriggerAndOutcome() {
        this.runner.run((context) -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("migration.guard.restore").functionCounters())
                    .hasSize(12)
                    .allSatisfy((counter) -> assertThat(counter.count()).isZero());
            context.getBean(MigrationReports.class)
                    .record(RunReports.restored(new RestoreRecord(
                            RestoreTrigger.STARTUP, RestoreRecord.Outcome.SUCCESS, null, "restored", Duration.ZERO)));
            assertThat(registry.get("migration.guard.restore")
                            .tags(Tags.of("trigger", "startup", "outcome", "success"))
                            .functionCounter()
                            .count())
                    .isEqualTo(1);
        });
    }

    @Test
    void preRestoreSnapshotOfARestoreAtStartupIsCountedUnderItsLabel() {
        this.runner.run((context) -> assertThat(context).hasNotFailed());
        this.runner.withPropertyValues("migration-guard.restore.from=latest").run((context) -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            countedOnce(registry, "pre-restore");
            assertThat(restores(registry, "startup", "success")).isEqualTo(1);
        });
    }

    @Test
    void restoreAtStartupThatFailsIsCountedAsAFailure() {
        this.runner.run((context) -> assertThat(context).hasNotFailed());
        this.runner
                .withPropertyValues("migration-guard.restore.from=latest", "migration-guard.restore.force=true")
                .run((context) -> {
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(restores(registry, "startup", "success")).isEqualTo(1);
                    // The application's own guarded migrate, when nothing but pre-restore snapshots is left
                    deleteAllButPreRestoreSnapshots();
                    GuardedMigration guard = context.getBean(GuardedMigration.class);
                    Flyway flyway = context.getBean(Flyway.class);
                    assertThatExceptionOfType(RestoreFailedException.class)
                            .isThrownBy(() -> guard.migrate(flyway))
                            .withMessageContaining("migration-guard.restore.from=latest");
                    assertThat(restores(registry, "startup", "failure")).isEqualTo(1);
                    assertThat(registry.get("migration.guard.migrate")
                                    .tags("outcome", "failed")
                                    .functionTimer()
                                    .count())
                            .isEqualTo(1);
                });
    }

    /** The success timer of a snapshot label, after exactly one snapshot of that label that took some time. */
    private static FunctionTimer countedOnce(MeterRegistry registry, String label) {
        FunctionTimer timer = registry.get("migration.guard.snapshot")
                .tags("label", label, "outcome", "success")
                .functionTimer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).isPositive();
        return timer;
    }

    private static double restores(MeterRegistry registry, String trigger, String outcome) {
        return registry.get("migration.guard.restore")
                .tags("trigger", trigger, "outcome", outcome)
                .functionCounter()
                .count();
    }

    private void deleteAllButPreRestoreSnapshots() throws IOException {
        try (Stream<Path> files = Files.list(this.app.backups())) {
            for (Path file : files.filter(
                            (file) -> !file.getFileName().toString().startsWith("pre-restore-"))
                    .toList()) {
                Files.delete(file);
            }
        }
    }

    @Test
    void pendingGaugeIsZeroAfterTheUpgrade() {
        this.runner.run((context) -> assertThat(context.getBean(MeterRegistry.class)
                        .get("migration.guard.migrations.pending")
                        .gauge()
                        .value())
                .isZero());
    }

    @Test
    void backupFreeGaugeIsTheUsableSpaceInBytes() {
        this.runner.run((context) -> {
            Gauge free = context.getBean(MeterRegistry.class)
                    .get("migration.guard.backup.free")
                    .gauge();
            assertThat(free.value()).isPositive();
            assertThat(free.getId().getBaseUnit()).isEqualTo("bytes");
        });
    }

    @Test
    void registersExactlyTheContractedMeters() {
        this.runner.run((context) -> {
            context.getBean(MigrationReports.class).record(RunReports.healed("2", Heal.Reason.ALLOWLIST));
            assertThat(context.getBean(MeterRegistry.class).getMeters().stream()
                            .map(Meter::getId)
                            .map(Meter.Id::getName)
                            .filter((name) -> name.startsWith("migration.guard"))
                            .distinct())
                    .containsExactlyInAnyOrder(
                            "migration.guard.snapshot",
                            "migration.guard.snapshot.size",
                            "migration.guard.snapshots.retained",
                            "migration.guard.snapshots.pruned",
                            "migration.guard.heal",
                            "migration.guard.migrate",
                            "migration.guard.restore",
                            "migration.guard.migrations.pending",
                            "migration.guard.schema.ahead",
                            "migration.guard.crash.loop",
                            "migration.guard.backup.free");
        });
    }

    @Test
    void absentWithoutMicrometer() {
        this.runner
                .withClassLoader(new FilteredClassLoader("io.micrometer.core"))
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MigrationGuardMetrics.class));
    }

    @Test
    void absentWithoutMeterRegistry() {
        this.app.runner().run((context) -> assertThat(context).doesNotHaveBean(MigrationGuardMetrics.class));
    }
}
