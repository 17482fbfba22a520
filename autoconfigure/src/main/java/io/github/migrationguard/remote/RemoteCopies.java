package io.github.migrationguard.remote;

import io.github.migrationguard.snapshot.Snapshot;
import io.github.migrationguard.snapshot.SnapshotDirectory;
import io.github.migrationguard.snapshot.SnapshotDirectory.StoredSnapshot;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.snapshot.SnapshotName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Internal: copies final-name snapshots to the bucket in the background, one at a time, oldest first, retrying with
 * backoff until the bucket takes them; then prunes the bucket per label. Reads only snapshot files, never the live
 * database. A snapshot still waiting when the application stops is found again by {@link #catchUp(SnapshotDirectory)}
 * at the next start.
 */
public final class RemoteCopies implements AutoCloseable {

    private static final Log logger = LogFactory.getLog(RemoteCopies.class);

    private static final int ABORT_MODE_ATTEMPTS = 3;

    private final SnapshotBucket bucket;

    private final RemoteSettings settings;

    private final Clock clock;

    private final ScheduledExecutorService executor;

    // Oldest first, by name time; only touched on the copy thread, read for its size
    private final Set<Path> pending = ConcurrentHashMap.newKeySet();

    private final Set<String> inBucket = ConcurrentHashMap.newKeySet();

    private final RemoteActivity activity;

    private int failuresInARow;

    private boolean retryScheduled;

    /**
     * Creates the copier and its background thread, with a state of its own.
     * @param bucket the bucket
     * @param settings what to copy and how
     * @param clock the clock for the time of the latest upload
     */
    public RemoteCopies(SnapshotBucket bucket, RemoteSettings settings, Clock clock) {
        this(bucket, settings, clock, new RemoteActivity(settings.location()));
    }

    /**
     * Creates the copier and its background thread.
     * @param bucket the bucket
     * @param settings what to copy and how
     * @param clock the clock for the time of the latest upload
     * @param activity where copies publish what they did, shared with restores from the bucket
     */
    public RemoteCopies(SnapshotBucket bucket, RemoteSettings settings, Clock clock, RemoteActivity activity) {
        this.bucket = bucket;
        this.settings = settings;
        this.clock = clock;
        this.activity = activity;
        this.executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
            Thread thread = new Thread(runnable, "migration-guard-remote");
            thread.setDaemon(true);
            return thread;
        });
    }

    public RemoteSettings settings() {
        return this.settings;
    }

    public SnapshotBucket bucket() {
        return this.bucket;
    }

    /**
     * Returns what copies did so far, and look like now.
     * @return the state
     */
    RemoteState state() {
        return this.activity.state();
    }

    /**
     * Queues a snapshot that just got its final name, when its label is copied.
     * @param snapshot the snapshot
     */
    public void submit(Snapshot snapshot) {
        if (!this.settings.labels().contains(snapshot.name().label())) {
            return;
        }
        this.pending.add(snapshot.file());
        update((state) -> state.withPending(this.pending.size()));
        this.executor.execute(this::drain);
    }

    /**
     * Finds, in the background, the snapshots of the copied labels that are on disk but not in the bucket (left
     * waiting when the application last stopped), and copies them.
     * @param directory the snapshot directory
     */
    public void catchUp(SnapshotDirectory directory) {
        this.executor.execute(() -> {
            for (StoredSnapshot stored : directory.list()) {
                if (this.settings.labels().contains(stored.name().label())) {
                    this.pending.add(stored.file());
                }
            }
            update((state) -> state.withPending(this.pending.size()));
            drain();
        });
    }

    /**
     * Copies the pre-migrate snapshot before migrating, for {@code remote.on-failure=abort}: returns only once the
     * object is in the bucket and carries the snapshot's SHA-256.
     * @param snapshot the verified snapshot
     * @throws RemoteCopyException when it could not be copied after a few tries
     */
    public void copyBeforeMigrating(Snapshot snapshot) {
        Future<?> copy = this.executor.submit(() -> {
            copyWithRetries(snapshot.file());
            confirmInBucket(snapshot.file());
        });
        try {
            copy.get();
        } catch (ExecutionException ex) {
            throw (ex.getCause() instanceof RemoteCopyException remote)
                    ? remote
                    : new RemoteCopyException(ex.getCause().getMessage(), ex.getCause());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new RemoteCopyException("Interrupted while copying " + snapshot.file() + " to the bucket", ex);
        }
    }

    private void copyWithRetries(Path file) {
        RemoteCopyException last = null;
        for (int attempt = 1; attempt <= ABORT_MODE_ATTEMPTS; attempt++) {
            try {
                copyOne(file);
                return;
            } catch (RemoteCopyException ex) {
                last = ex;
                if (attempt < ABORT_MODE_ATTEMPTS) {
                    pause(delay(attempt - 1));
                }
            }
        }
        throw last;
    }

    // The server said yes; this asks it again what it holds, so that migrating never rests on an answer alone
    private void confirmInBucket(Path file) {
        String name = file.getFileName().toString();
        RemoteObject object = this.bucket.list().stream()
                .filter((candidate) -> candidate.fileName().equals(name))
                .findFirst()
                .orElseThrow(() ->
                        new RemoteCopyException(name + " was copied but is not listed in " + this.settings.location()));
        try {
            String expected = FileDigest.sha256(file);
            if (!expected.equalsIgnoreCase(this.bucket.sha256(object))) {
                throw new RemoteCopyException(object.key() + " in " + this.settings.location()
                        + " does not carry the SHA-256 of " + file + " (" + expected + ")");
            }
        } catch (IOException ex) {
            throw new RemoteCopyException("Could not read " + file + " to check its copy: " + ex.getMessage(), ex);
        }
    }

    private void drain() {
        if (this.retryScheduled) {
            return;
        }
        refreshBucketNames();
        for (Path file : oldestFirst()) {
            try {
                copyOne(file);
                this.failuresInARow = 0;
            } catch (RemoteCopyException ex) {
                scheduleRetry(ex);
                return;
            }
        }
    }

    private void refreshBucketNames() {
        try {
            List<RemoteObject> objects = this.bucket.list();
            this.inBucket.clear();
            objects.forEach((object) -> this.inBucket.add(object.fileName()));
            update((state) -> state.withObjects(objects.size()));
        } catch (RemoteCopyException ex) {
            // The copy that follows fails the same way and reports it
        }
    }

    private void copyOne(Path file) {
        String name = file.getFileName().toString();
        if (this.inBucket.contains(name)) {
            this.pending.remove(file);
            update((state) -> state.withPending(this.pending.size()));
            return;
        }
        if (!Files.isRegularFile(file)) {
            logger.warn("Snapshot " + file + " was deleted (local retention) before it was copied to "
                    + this.settings.location() + "; there is no copy of it off this machine");
            this.pending.remove(file);
            update((state) -> state.withPending(this.pending.size()));
            return;
        }
        SnapshotLabel label = SnapshotName.parse(name).orElseThrow().label();
        long start = System.nanoTime();
        try {
            RemoteObject object = this.bucket.upload(file, FileDigest.sha256(file), this.settings.compression());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            this.inBucket.add(name);
            this.pending.remove(file);
            logger.info("Copied snapshot " + name + " to " + this.settings.location() + " (" + object.sizeBytes()
                    + " bytes as " + object.key() + ", " + took.toMillis() + " ms)");
            prune(label);
            // Published once retention is done too, so that whoever sees the count sees the bucket settled
            RemoteState.Upload upload = upload(name, RemoteState.Upload.SUCCESS, null);
            int pending = this.pending.size();
            update((state) -> state.withUpload(label, upload, took).withPending(pending));
        } catch (RemoteCopyException | IOException ex) {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            String error = ex.getMessage();
            RemoteState.Upload upload = upload(name, RemoteState.Upload.FAILURE, error);
            update((state) -> state.withUpload(label, upload, took));
            throw (ex instanceof RemoteCopyException remote) ? remote : new RemoteCopyException(error, ex);
        }
    }

    private void prune(SnapshotLabel label) {
        try {
            List<RemoteObject> objects = this.bucket.list();
            List<RemoteObject> ofLabel = objects.stream()
                    .filter((object) -> object.name().label() == label)
                    .toList();
            int excess = ofLabel.size() - this.settings.keep();
            for (RemoteObject object : ofLabel.subList(0, Math.max(excess, 0))) {
                this.bucket.delete(object);
                this.inBucket.remove(object.fileName());
                logger.info("Deleted " + object.key() + " from " + this.settings.location()
                        + " (migration-guard.remote.keep=" + this.settings.keep() + ")");
            }
            int kept = objects.size() - Math.max(excess, 0);
            update((state) -> state.withObjects(kept));
        } catch (RemoteCopyException ex) {
            logger.warn("Could not prune " + label + " objects in " + this.settings.location() + ": " + ex.getMessage()
                    + "; retried after the next copy");
        }
    }

    private void scheduleRetry(RemoteCopyException failure) {
        Duration delay = delay(this.failuresInARow++);
        logger.warn(failure.getMessage() + ". " + this.pending.size() + " snapshot(s) wait to be copied; retrying in "
                + delay.toSeconds() + " s");
        update((state) -> state.unreachable(failure.getMessage()).withPending(this.pending.size()));
        this.retryScheduled = true;
        this.executor.schedule(
                () -> {
                    this.retryScheduled = false;
                    drain();
                },
                delay.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private Duration delay(int failures) {
        Duration delay = this.settings.firstRetryDelay().multipliedBy(1L << Math.min(failures, 20));
        return (delay.compareTo(this.settings.maxRetryDelay()) > 0) ? this.settings.maxRetryDelay() : delay;
    }

    private List<Path> oldestFirst() {
        TreeSet<Path> sorted = new TreeSet<>(Comparator.comparing(
                        (Path file) -> SnapshotName.parse(file.getFileName().toString())
                                .map(SnapshotName::time)
                                .orElse(Instant.EPOCH))
                .thenComparing(Path::toString));
        sorted.addAll(this.pending);
        return List.copyOf(sorted);
    }

    private RemoteState.Upload upload(String name, String outcome, String error) {
        return new RemoteState.Upload(name, Instant.now(this.clock), outcome, error);
    }

    private void update(UnaryOperator<RemoteState> change) {
        this.activity.publish(change);
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new RemoteCopyException("Interrupted while waiting to retry a copy", ex);
        }
    }

    /**
     * Names of the snapshots known to be in the bucket, for tests and the endpoint.
     * @return the names
     */
    Set<String> namesInBucket() {
        return this.inBucket.stream().collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Stops copying; whatever waits is copied at the next start.
     */
    @Override
    public void close() {
        this.executor.shutdownNow();
    }
}
