package io.github.migrationguard.snapshot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * A snapshot whose copy is done and whose verification, fsync and rename to the final name run in the background
 * ({@link SnapshotWriter#start}). Until it is settled, only the hidden {@code .partial} file exists; it gets its final
 * name only once verified, and is deleted when verification fails.
 */
public final class PendingSnapshot {

    private final SnapshotLabel label;

    private final Path partialFile;

    private final SnapshotMethod method;

    private final Duration copyDuration;

    private final long startNanos;

    private final CompletableFuture<Snapshot> verified = new CompletableFuture<>();

    private volatile Duration failedAfter = Duration.ZERO;

    PendingSnapshot(
            SnapshotLabel label, Path partialFile, SnapshotMethod method, Duration copyDuration, long startNanos) {
        this.label = label;
        this.partialFile = partialFile;
        this.method = method;
        this.copyDuration = copyDuration;
        this.startNanos = startNanos;
    }

    public SnapshotLabel label() {
        return this.label;
    }

    /**
     * Returns the temporary file the copy sits in until it is verified.
     * @return the hidden {@code .partial} file
     */
    public Path partialFile() {
        return this.partialFile;
    }

    public SnapshotMethod method() {
        return this.method;
    }

    public Duration copyDuration() {
        return this.copyDuration;
    }

    /**
     * Whether verification has ended, either way.
     * @return whether the snapshot is settled
     */
    public boolean isSettled() {
        return this.verified.isDone();
    }

    /**
     * Waits until the copy is verified and under its final name. A restore must only ever use what this returns.
     * @return the verified snapshot
     * @throws SnapshotException when verification (or fsync, or the rename) failed; no file is left behind then
     */
    public Snapshot awaitVerified() {
        try {
            return this.verified.get();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new SnapshotException("Interrupted while waiting for " + this.partialFile + " to be verified", ex);
        } catch (ExecutionException ex) {
            throw (SnapshotException) ex.getCause();
        } catch (CancellationException ex) {
            throw new SnapshotException("Verification of " + this.partialFile + " was cancelled", ex);
        }
    }

    /**
     * Returns what has come of the attempt so far: {@link SnapshotAttempt.Outcome#VERIFYING} until settled.
     * @return the attempt
     */
    public SnapshotAttempt attempt() {
        if (!this.verified.isDone()) {
            return SnapshotAttempt.verifying(
                    this.label,
                    this.copyDuration,
                    "verifying " + this.partialFile + " (copied with " + this.method + ")");
        }
        if (this.verified.isCompletedExceptionally()) {
            String message =
                    this.verified.handle((snapshot, ex) -> ex.getMessage()).join();
            return SnapshotAttempt.failed(this.label, this.failedAfter, message);
        }
        return SnapshotAttempt.taken(this.verified.join());
    }

    /**
     * Runs an action once settled, with the final attempt; at once when already settled.
     * @param action what to run, on the verifying thread or the caller's
     */
    public void whenSettled(Consumer<SnapshotAttempt> action) {
        this.verified.whenComplete((snapshot, ex) -> action.accept(attempt()));
    }

    void succeed(Snapshot snapshot) {
        this.verified.complete(snapshot);
    }

    void fail(SnapshotException ex) {
        this.failedAfter = Duration.ofNanos(System.nanoTime() - this.startNanos);
        this.verified.completeExceptionally(ex);
    }
}
