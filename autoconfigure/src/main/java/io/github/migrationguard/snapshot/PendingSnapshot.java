package io.github.migrationguard.snapshot;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Internal: a snapshot whose copy is done and whose verification, fsync and rename to the final name run in the
 * background ({@link SnapshotWriter#start}). Until it is settled, only the hidden {@code .partial} file exists; it gets
 * its final name only once verified, and is deleted when verification fails or is cancelled.
 */
public final class PendingSnapshot {

    /**
     * Longest {@link #awaitVerified()} waits, for example before restoring a failed migration: far longer than
     * {@code quick_check} takes on any database this starter is meant for (about a minute for 10 GB), short enough
     * that a verification stuck on a failing disk does not hang the application for ever.
     */
    public static final Duration VERIFICATION_WAIT = Duration.ofMinutes(30);

    /**
     * Longest {@link #settleOrCancel} waits for verification to end when the application stops, before cancelling it:
     * within the 30 s a container platform gives a stopping process by default.
     */
    public static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(20);

    /**
     * How long a cancelled verification gets to stop and delete its copy: SQLite stops a check at its next page.
     */
    static final Duration CANCEL_WAIT = Duration.ofSeconds(5);

    private static final Log logger = LogFactory.getLog(PendingSnapshot.class);

    private final SnapshotLabel label;

    private final Path partialFile;

    private final DatabaseCopier.Copied copied;

    private final Duration copyDuration;

    private final long startNanos;

    private final CompletableFuture<Snapshot> verified = new CompletableFuture<>();

    private volatile Duration failedAfter = Duration.ZERO;

    private volatile boolean cancelled;

    private volatile Statement checking;

    PendingSnapshot(
            SnapshotLabel label,
            Path partialFile,
            DatabaseCopier.Copied copied,
            Duration copyDuration,
            long startNanos) {
        this.label = label;
        this.partialFile = partialFile;
        this.copied = copied;
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
        return this.copied.method();
    }

    /**
     * Whether the copy is a copy-on-write clone of the database file.
     * @return whether it was cloned
     */
    public boolean cloned() {
        return this.copied.cloned();
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
     * Waits, at most {@link #VERIFICATION_WAIT}, until the copy is verified and under its final name. A restore must
     * only ever use what this returns.
     * @return the verified snapshot
     * @throws SnapshotException when verification (or fsync, or the rename) failed, no file is left behind then; or
     * when it is still running after the wait
     */
    public Snapshot awaitVerified() {
        return awaitVerified(VERIFICATION_WAIT);
    }

    /**
     * Waits, at most the given time, until the copy is verified and under its final name.
     * @param wait the longest wait
     * @return the verified snapshot
     * @throws SnapshotException when verification failed, or is still running after the wait
     */
    public Snapshot awaitVerified(Duration wait) {
        try {
            return this.verified.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new SnapshotException("Interrupted while waiting for " + this.partialFile + " to be verified", ex);
        } catch (TimeoutException ex) {
            throw new SnapshotException(
                    "Snapshot " + this.partialFile + " was still being verified after " + wait.toSeconds()
                            + " s; it is not used until verified (it keeps that temporary name until then)",
                    ex);
        } catch (ExecutionException ex) {
            throw (SnapshotException) ex.getCause();
        } catch (CancellationException ex) {
            throw new SnapshotException("Verification of " + this.partialFile + " was cancelled", ex);
        }
    }

    /**
     * Lets verification end within the given time, else cancels it: the copy is then deleted, never renamed. For an
     * application that stops; bounded by {@code wait} plus a few seconds for SQLite to stop checking.
     * @param wait how long verification may still run
     * @return the final attempt
     */
    public SnapshotAttempt settleOrCancel(Duration wait) {
        try {
            this.verified.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException ex) {
            logger.warn("Stopped verifying snapshot " + this.partialFile + " after " + wait.toSeconds()
                    + " s because the application is stopping; the copy is deleted and never gets a final name. "
                    + "Take a manual snapshot once the application runs again");
            cancel();
            awaitQuietly(CANCEL_WAIT);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | CancellationException ex) {
            // Failed: already logged and reported through the attempt
        }
        return attempt();
    }

    private void awaitQuietly(Duration wait) {
        try {
            this.verified.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException | CancellationException ex) {
            // Reported through the attempt
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops verification: the copy is deleted instead of renamed. Does nothing once settled.
     */
    void cancel() {
        this.cancelled = true;
        Statement statement = this.checking;
        if (statement != null) {
            try {
                // sqlite3_interrupt: made to be called from another thread; the check stops at its next page
                statement.cancel();
            } catch (SQLException ex) {
                logger.debug("Could not interrupt the verification of " + this.partialFile, ex);
            }
        }
    }

    boolean isCancelled() {
        return this.cancelled;
    }

    /**
     * Tells which statement checks the copy, so that {@link #cancel()} can interrupt it.
     * @param statement the statement, or {@code null} once it is done
     */
    void checking(Statement statement) {
        this.checking = statement;
        if (statement != null && this.cancelled) {
            cancel();
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
                    "verifying " + this.partialFile + " (copied with " + this.copied.method()
                            + (this.copied.cloned() ? ", cloned" : "") + ")");
        }
        if (this.verified.isCompletedExceptionally()) {
            String message =
                    this.verified.handle((snapshot, ex) -> ex.getMessage()).join();
            return SnapshotAttempt.failed(this.label, this.failedAfter, message);
        }
        return SnapshotAttempt.taken(this.verified.join());
    }

    /**
     * Runs an action once settled, with the final attempt; at once when already settled. An exception thrown by the
     * action is logged, never lost.
     * @param action what to run, on the verifying thread or the caller's
     */
    public void whenSettled(Consumer<SnapshotAttempt> action) {
        this.verified.whenComplete((snapshot, ex) -> {
            try {
                action.accept(attempt());
            } catch (Throwable failure) {
                logger.error(
                        "An action run once snapshot " + this.partialFile + " was settled failed: "
                                + failure.getMessage() + "; the snapshot itself is "
                                + attempt().outcome(),
                        failure);
            }
        });
    }

    void succeed(Snapshot snapshot) {
        this.verified.complete(snapshot);
    }

    void fail(SnapshotException ex) {
        this.failedAfter = Duration.ofNanos(System.nanoTime() - this.startNanos);
        this.verified.completeExceptionally(ex);
    }
}
