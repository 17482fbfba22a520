package io.github.migrationguard.remote;

import io.github.migrationguard.restore.RemoteSnapshotSource;
import io.github.migrationguard.restore.RestoreException;
import io.github.migrationguard.snapshot.SnapshotDirectory;
import io.github.migrationguard.snapshot.SnapshotException;
import io.github.migrationguard.snapshot.SnapshotName;
import io.github.migrationguard.snapshot.SnapshotVerifier;
import io.github.migrationguard.snapshot.Verification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Internal: snapshots in the bucket as a restore sees them: listed, and fetched as local files proven intact. An object
 * is downloaded to a hidden {@code .partial} file in the backup directory, checked against the SHA-256 it carries and
 * with {@code quick_check}, and only then renamed to its snapshot name.
 */
public final class RemoteSnapshots implements RemoteSnapshotSource {

    private static final Log logger = LogFactory.getLog(RemoteSnapshots.class);

    private final SnapshotBucket bucket;

    private final RemoteActivity activity;

    /**
     * Creates the snapshots of a bucket, with a state of their own.
     * @param bucket the bucket
     */
    public RemoteSnapshots(SnapshotBucket bucket) {
        this(bucket, new RemoteActivity(bucket.location()));
    }

    /**
     * Creates the snapshots of a bucket.
     * @param bucket the bucket
     * @param activity where downloads publish what they did, shared with the copies to the bucket
     */
    public RemoteSnapshots(SnapshotBucket bucket, RemoteActivity activity) {
        this.bucket = bucket;
        this.activity = activity;
    }

    @Override
    public String describe() {
        return this.bucket.location().toString();
    }

    /**
     * Lists the snapshots in the bucket, oldest first.
     * @return the snapshots
     * @throws RemoteCopyException when the bucket cannot be listed
     */
    public List<RemoteObject> list() {
        return this.bucket.list();
    }

    @Override
    public Optional<Path> fetchNewest(Predicate<SnapshotName> accept, SnapshotDirectory into, String historyTable) {
        List<RemoteObject> candidates = listForRestore().stream()
                .filter((object) -> accept.test(object.name()))
                .toList();
        for (int i = candidates.size() - 1; i >= 0; i--) {
            RemoteObject object = candidates.get(i);
            try {
                return Optional.of(fetchVerified(object, into, historyTable));
            } catch (DamagedObjectException ex) {
                logger.warn(ex.getMessage() + " (" + describe() + "); trying the next older object. Delete or "
                        + "replace it");
            }
        }
        return Optional.empty();
    }

    @Override
    public List<SnapshotName> names() {
        try {
            return list().stream().map(RemoteObject::name).toList();
        } catch (RemoteCopyException ex) {
            throw new RestoreException("Could not list the snapshots in " + describe() + ": " + ex.getMessage(), ex);
        }
    }

    @Override
    public Optional<Path> fetch(String fileName, SnapshotDirectory into, String historyTable) {
        Optional<RemoteObject> object = listForRestore().stream()
                .filter((candidate) -> candidate.fileName().equals(fileName))
                .reduce((first, second) -> second);
        if (object.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(fetchVerified(object.get(), into, historyTable));
        } catch (DamagedObjectException ex) {
            throw new RestoreException(
                    ex.getMessage() + " (" + describe() + "); nothing was changed. Pick another " + "snapshot", ex);
        }
    }

    /**
     * Downloads one object and proves it intact.
     * @param object the object
     * @param into the directory to put the file in
     * @param historyTable the Flyway schema history table
     * @return the verified file under its snapshot name
     * @throws DamagedObjectException when it is not intact
     * @throws RestoreException when it cannot be downloaded
     */
    public Path fetchVerified(RemoteObject object, SnapshotDirectory into, String historyTable) {
        long start = System.nanoTime();
        Path target = into.path().resolve(object.fileName());
        Path partial = into.path().resolve(object.name().partialFileName());
        try {
            Files.createDirectories(into.path());
            this.bucket.download(object, partial);
            new SnapshotVerifier(historyTable).verify(partial, Verification.QUICK);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (SnapshotException ex) {
            failed(start, partial);
            throw new DamagedObjectException(object, "its snapshot is not sound: " + ex.getMessage());
        } catch (DamagedObjectException ex) {
            failed(start, partial);
            throw ex;
        } catch (RemoteCopyException ex) {
            failed(start, partial);
            throw new RestoreException(ex.getMessage() + "; nothing was changed", ex);
        } catch (IOException ex) {
            failed(start, partial);
            throw new RestoreException(
                    "Could not write " + partial + " to download " + object.key() + ": " + ex.getMessage()
                            + "; nothing was changed",
                    ex);
        }
        downloaded(RemoteState.Upload.SUCCESS, start);
        logger.info("Downloaded " + object.key() + " from " + describe() + " to " + target
                + " (SHA-256 and quick_check passed)");
        return target;
    }

    private List<RemoteObject> listForRestore() {
        try {
            return this.bucket.list();
        } catch (RemoteCopyException ex) {
            throw new RestoreException(ex.getMessage() + "; nothing was changed", ex);
        }
    }

    private void downloaded(String outcome, long start) {
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        this.activity.publish((state) -> state.withDownload(outcome, took));
    }

    private void failed(long start, Path partial) {
        downloaded(RemoteState.Upload.FAILURE, start);
        try {
            Files.deleteIfExists(partial);
            Files.deleteIfExists(partial.resolveSibling(partial.getFileName() + "-journal"));
        } catch (IOException ex) {
            // Removed as a leftover at the next start (SnapshotDirectory.removeLeftovers)
        }
    }
}
