package io.github.migrationguard.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.migrationguard.testing.HeldClock;
import io.github.migrationguard.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.sqlite.SQLiteDataSource;

/**
 * The background path of {@link SnapshotWriter#start}: the copy is made at once, verification runs when the executor
 * runs it, and only a verified copy ever gets a final name.
 */
class PendingSnapshotTests {

    @TempDir
    Path temp;

    private final List<Runnable> verifications = new ArrayList<>();

    private final Executor later = this.verifications::add;

    @Test
    void copyWaitsUnderItsPartialNameUntilVerified() throws Exception {
        SnapshotWriter writer = writer();
        PendingSnapshot pending = writer.start(SnapshotLabel.PRE_MIGRATE, "v1-to-v2", this.later);
        assertThat(fileNames(writer))
                .containsExactly(pending.partialFile().getFileName().toString());
        assertThat(pending.isSettled()).isFalse();
        assertThat(pending.attempt().outcome()).isEqualTo(SnapshotAttempt.Outcome.VERIFYING);
        assertThat(pending.attempt().snapshot()).isNull();
    }

    @Test
    void verifiedCopyIsRenamedToItsFinalName() throws Exception {
        SnapshotWriter writer = writer();
        PendingSnapshot pending = writer.start(SnapshotLabel.PRE_MIGRATE, "v1-to-v2", this.later);
        runVerifications();
        Snapshot snapshot = pending.awaitVerified();
        assertThat(fileNames(writer))
                .containsExactly(snapshot.file().getFileName().toString());
        assertThat(snapshot.file().getFileName().toString())
                .startsWith("pre-migrate-")
                .endsWith("-v1-to-v2.db");
        assertThat(TestDatabases.dump(snapshot.file())).isEqualTo(TestDatabases.dump(database()));
        assertThat(pending.attempt().outcome()).isEqualTo(SnapshotAttempt.Outcome.SUCCESS);
    }

    @Test
    void copyCorruptedBeforeVerificationNeverGetsAFinalName() throws Exception {
        SnapshotWriter writer = writer();
        PendingSnapshot pending = writer.start(SnapshotLabel.PRE_MIGRATE, "v1-to-v2", this.later);
        TestDatabases.corruptPageNearTheEnd(pending.partialFile());
        runVerifications();
        assertThatExceptionOfType(SnapshotException.class)
                .isThrownBy(pending::awaitVerified)
                .withMessageContaining(pending.partialFile().toString());
        assertThat(fileNames(writer)).isEmpty();
        assertThat(pending.attempt().outcome()).isEqualTo(SnapshotAttempt.Outcome.FAILURE);
    }

    @Test
    void awaitVerifiedReturnsOnlyOnceTheFinalNameExists() throws Exception {
        SnapshotWriter writer = writer();
        PendingSnapshot pending = writer.start(SnapshotLabel.PRE_MIGRATE, null, (task) -> new Thread(task).start());
        Snapshot snapshot = pending.awaitVerified();
        assertThat(snapshot.file()).isRegularFile();
        assertThat(pending.partialFile()).doesNotExist();
        assertThat(pending.isSettled()).isTrue();
    }

    @Test
    void whenSettledReceivesTheFinalAttempt() throws Exception {
        PendingSnapshot pending = writer().start(SnapshotLabel.PRE_MIGRATE, null, this.later);
        AtomicReference<SnapshotAttempt> settled = new AtomicReference<>();
        pending.whenSettled(settled::set);
        assertThat(settled.get()).isNull();
        runVerifications();
        assertThat(settled.get().outcome()).isEqualTo(SnapshotAttempt.Outcome.SUCCESS);
        assertThat(settled.get().snapshot()).isEqualTo(pending.awaitVerified());
    }

    @Test
    void noSecondSnapshotOfTheDatabaseStartsWhileOneIsVerified() throws Exception {
        SnapshotWriter writer = writer();
        PendingSnapshot pending = writer.start(SnapshotLabel.PRE_MIGRATE, null, this.later);
        assertThat(writer.tryStart(SnapshotLabel.MANUAL, "meanwhile", Runnable::run))
                .isEmpty();
        assertThat(fileNames(writer))
                .containsExactly(pending.partialFile().getFileName().toString());
        runVerifications();
        Snapshot manual = writer.tryStart(SnapshotLabel.MANUAL, "after", Runnable::run)
                .orElseThrow()
                .awaitVerified();
        assertThat(fileNames(writer))
                .containsExactlyInAnyOrder(
                        manual.file().getFileName().toString(),
                        pending.awaitVerified().file().getFileName().toString());
    }

    @Test
    void waitingForVerificationEndsAfterTheGivenTime() throws Exception {
        PendingSnapshot pending = writer().start(SnapshotLabel.PRE_MIGRATE, null, this.later);
        assertThatExceptionOfType(SnapshotException.class)
                .isThrownBy(() -> pending.awaitVerified(Duration.ofMillis(1)))
                .withMessageContaining("still being verified")
                .withMessageContaining(pending.partialFile().toString());
        assertThat(pending.partialFile()).isRegularFile();
    }

    @Test
    void cancelledVerificationDeletesTheCopyAndLetsTheNextSnapshotStart() throws Exception {
        SnapshotWriter writer = writer();
        PendingSnapshot pending = writer.start(SnapshotLabel.PRE_MIGRATE, null, this.later);
        pending.cancel();
        runVerifications();
        assertThatExceptionOfType(SnapshotException.class)
                .isThrownBy(pending::awaitVerified)
                .withMessageContaining("cancelled");
        assertThat(fileNames(writer)).isEmpty();
        assertThat(writer.tryStart(SnapshotLabel.MANUAL, null, Runnable::run)).isPresent();
    }

    @Test
    void stoppingWithoutWaitingInterruptsARunningCheckAndDeletesTheCopy() throws Exception {
        SQLiteDataSource dataSource = TestDatabases.wal(database());
        // Tens of MB: integrity_check takes a good part of a second, far longer than reaching the cancel below
        TestDatabases.fill(dataSource, 150_000);
        SnapshotSettings settings = new SnapshotSettings(null, SnapshotMethod.AUTO, Verification.FULL, 0, null);
        SnapshotWriter writer =
                new SnapshotWriter(dataSource, DatabaseFile.locate(dataSource), settings, Clock.systemUTC());
        PendingSnapshot pending = writer.start(SnapshotLabel.SCHEDULED, null, (task) -> new Thread(task).start());
        SnapshotAttempt attempt = pending.settleOrCancel(Duration.ZERO);
        assertThat(attempt.outcome()).isEqualTo(SnapshotAttempt.Outcome.FAILURE);
        assertThat(attempt.message()).containsAnyOf("cancelled", "interrupted");
        assertThat(fileNames(writer)).isEmpty();
    }

    @Test
    void settleOrCancelReturnsTheOutcomeOfAVerificationThatEndsInTime() throws Exception {
        PendingSnapshot pending = writer().start(SnapshotLabel.PRE_MIGRATE, null, (task) -> new Thread(task).start());
        SnapshotAttempt attempt = pending.settleOrCancel(PendingSnapshot.SHUTDOWN_WAIT);
        assertThat(attempt.outcome()).isEqualTo(SnapshotAttempt.Outcome.SUCCESS);
        assertThat(attempt.snapshot().file()).isRegularFile();
    }

    @Test
    void errorThrownWhileCopyingFailsTheSnapshotAndReleasesTheDatabase() throws Exception {
        SnapshotWriter broken = writer(new HeldClock() {
            @Override
            public Instant instant() {
                throw new StackOverflowError("thrown while naming the snapshot");
            }
        });
        assertThatExceptionOfType(SnapshotException.class)
                .isThrownBy(() -> broken.start(SnapshotLabel.MANUAL, null, Runnable::run))
                .withMessageContaining("StackOverflowError");
        assertThat(writer().tryStart(SnapshotLabel.MANUAL, null, Runnable::run)).isPresent();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void failingSettleActionIsLoggedAndTheOthersStillRun(CapturedOutput output) throws Exception {
        PendingSnapshot pending = writer().start(SnapshotLabel.PRE_MIGRATE, null, this.later);
        pending.whenSettled((attempt) -> {
            throw new IllegalStateException("upload queue is full");
        });
        AtomicReference<SnapshotAttempt> settled = new AtomicReference<>();
        pending.whenSettled(settled::set);
        runVerifications();
        assertThat(settled.get().outcome()).isEqualTo(SnapshotAttempt.Outcome.SUCCESS);
        assertThat(output)
                .contains("upload queue is full")
                .contains(pending.partialFile().toString());
    }

    @Test
    void partialFileOfAFinishedVerificationIsALeftoverAgain() throws Exception {
        SnapshotWriter writer = writer();
        PendingSnapshot pending = writer.start(SnapshotLabel.PRE_MIGRATE, null, this.later);
        runVerifications();
        Path stale = Files.writeString(pending.partialFile(), "left by a killed process");
        assertThat(writer.directory().removeLeftovers()).containsExactly(stale);
    }

    private void runVerifications() {
        List<Runnable> tasks = new ArrayList<>(this.verifications);
        this.verifications.clear();
        tasks.forEach(Runnable::run);
    }

    private Path database() {
        return this.temp.resolve("app.db");
    }

    private SnapshotWriter writer() {
        return writer(Clock.systemUTC());
    }

    private SnapshotWriter writer(Clock clock) {
        SQLiteDataSource dataSource = TestDatabases.wal(database());
        if (!Files.exists(database())) {
            TestDatabases.fill(dataSource, 5_000);
        }
        SnapshotSettings settings =
                new SnapshotSettings(null, SnapshotMethod.AUTO, Verification.QUICK, 0, "flyway_schema_history");
        return new SnapshotWriter(dataSource, DatabaseFile.locate(dataSource), settings, clock);
    }

    private static List<String> fileNames(SnapshotWriter writer) throws Exception {
        try (Stream<Path> files = Files.list(writer.directory().path())) {
            return files.map((file) -> file.getFileName().toString()).toList();
        }
    }
}
