package io.github.migrationguard.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationguard.heal.Heal;
import io.github.migrationguard.snapshot.Snapshot;
import io.github.migrationguard.snapshot.SnapshotAttempt;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.snapshot.SnapshotMethod;
import io.github.migrationguard.snapshot.SnapshotName;
import io.github.migrationguard.snapshot.Verification;
import io.github.migrationguard.testing.RunReports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The one state every step publishes to, from several threads at once: the startup thread, a background verification
 * and requests taking live snapshots.
 */
class MigrationReportsTests {

    private final MigrationReports reports = new MigrationReports();

    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    @AfterEach
    void stopThreads() {
        this.threads.shutdownNow();
    }

    @Test
    void verificationSettlingWhileALiveSnapshotEndsKeepsBoth() throws Exception {
        MigrationReport run = RunReports.withSnapshot(
                SnapshotAttempt.verifying(SnapshotLabel.PRE_MIGRATE, Duration.ofMillis(5), "verifying"));
        this.reports.record(run);
        SnapshotAttempt settled = SnapshotAttempt.taken(snapshot(SnapshotLabel.PRE_MIGRATE));
        SnapshotAttempt manual = SnapshotAttempt.taken(snapshot(SnapshotLabel.MANUAL));
        CountDownLatch settlingRead = new CountDownLatch(1);
        CountDownLatch manualPublished = new CountDownLatch(1);
        AtomicInteger settlingTries = new AtomicInteger();
        // The verification thread reads the state, then the live snapshot publishes before it can replace it
        Future<?> verification = this.threads.submit(() -> this.reports.publish((state) -> {
            if (settlingTries.incrementAndGet() == 1) {
                settlingRead.countDown();
                await(manualPublished);
            }
            return state.withSettled(run, settled);
        }));
        Future<?> live = this.threads.submit(() -> {
            await(settlingRead);
            this.reports.recordSnapshot(manual);
            manualPublished.countDown();
        });
        live.get(30, TimeUnit.SECONDS);
        verification.get(30, TimeUnit.SECONDS);
        GuardState state = this.reports.state();
        assertThat(settlingTries).hasValue(2);
        assertThat(state.snapshots(SnapshotLabel.PRE_MIGRATE, SnapshotAttempt.Outcome.SUCCESS)
                        .count())
                .isEqualTo(1);
        assertThat(state.snapshots(SnapshotLabel.MANUAL, SnapshotAttempt.Outcome.SUCCESS)
                        .count())
                .isEqualTo(1);
        assertThat(state.lastRun().snapshot()).isEqualTo(settled);
    }

    @Test
    void publishesFromManyThreadsAtOnceAreAllCounted() throws Exception {
        int perThread = 500;
        List<Snapshot> told = new ArrayList<>();
        this.reports.onSnapshotTaken((snapshot) -> {
            synchronized (told) {
                told.add(snapshot);
            }
        });
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> publishers = new ArrayList<>();
        for (int thread = 0; thread < 4; thread++) {
            publishers.add(this.threads.submit(() -> {
                await(start);
                for (int i = 0; i < perThread; i++) {
                    this.reports.recordSnapshot(SnapshotAttempt.taken(snapshot(SnapshotLabel.SCHEDULED)));
                    this.reports.recordPruned(1);
                }
            }));
        }
        start.countDown();
        for (Future<?> publisher : publishers) {
            publisher.get(60, TimeUnit.SECONDS);
        }
        GuardState state = this.reports.state();
        assertThat(state.snapshots(SnapshotLabel.SCHEDULED, SnapshotAttempt.Outcome.SUCCESS)
                        .count())
                .isEqualTo(4 * perThread);
        assertThat(state.pruned()).isEqualTo(4 * perThread);
        assertThat(told).hasSize(4 * perThread);
    }

    @Test
    void versionHealedByRunsRecordedAtOnceIsToldAsNewOnlyOnce() throws Exception {
        AtomicInteger told = new AtomicInteger();
        this.reports.onFirstHeal((key) -> told.incrementAndGet());
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Void>> runs = new ArrayList<>();
        for (int thread = 0; thread < 4; thread++) {
            runs.add(CompletableFuture.runAsync(
                    () -> {
                        await(start);
                        this.reports.record(RunReports.healed("7", Heal.Reason.FINGERPRINT));
                    },
                    this.threads));
        }
        start.countDown();
        CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(this.reports.state().heals(new GuardState.HealKey("7", "fingerprint")))
                .isEqualTo(4);
        assertThat(told).hasValue(1);
    }

    @Test
    void snapshotSettledAfterANewerRunIsCountedButLeavesTheNewerReport() {
        MigrationReport verifying = RunReports.withSnapshot(
                SnapshotAttempt.verifying(SnapshotLabel.PRE_MIGRATE, Duration.ofMillis(5), "verifying"));
        this.reports.record(verifying);
        MigrationReport newer = RunReports.healed("3", Heal.Reason.ALLOWLIST);
        this.reports.record(newer);
        this.reports.snapshotSettled(
                verifying, SnapshotAttempt.failed(SnapshotLabel.PRE_MIGRATE, Duration.ofMillis(9), "quick_check"));
        GuardState state = this.reports.state();
        assertThat(state.lastRun()).isSameAs(newer);
        assertThat(state.snapshots(SnapshotLabel.PRE_MIGRATE, SnapshotAttempt.Outcome.FAILURE)
                        .count())
                .isEqualTo(1);
    }

    @Test
    void stateReadBeforeAPublishNeverChanges() {
        GuardState before = this.reports.state();
        this.reports.recordSnapshot(SnapshotAttempt.taken(snapshot(SnapshotLabel.MANUAL)));
        assertThat(before).isEqualTo(GuardState.EMPTY);
        assertThat(before.snapshots(SnapshotLabel.MANUAL, SnapshotAttempt.Outcome.SUCCESS)
                        .count())
                .isZero();
    }

    private static Snapshot snapshot(SnapshotLabel label) {
        String file = label.value() + "-20261130T050000.000Z.db";
        SnapshotName name = SnapshotName.parse(file).orElseThrow();
        return new Snapshot(
                Path.of("backups", file),
                name,
                4096,
                SnapshotMethod.BACKUP_API,
                false,
                Verification.QUICK,
                Duration.ofMillis(3),
                Duration.ofMillis(5));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other thread never got there");
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
