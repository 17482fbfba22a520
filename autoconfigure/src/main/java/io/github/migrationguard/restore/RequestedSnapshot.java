package io.github.migrationguard.restore;

import io.github.migrationguard.snapshot.SnapshotDirectory;
import io.github.migrationguard.snapshot.SnapshotDirectory.StoredSnapshot;
import io.github.migrationguard.snapshot.SnapshotException;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.snapshot.SnapshotVerifier;
import io.github.migrationguard.snapshot.Verification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Finds the snapshot that {@code migration-guard.restore.from} names and proves it can be restored: it is in the
 * snapshot directory and is a sound SQLite database. Touches nothing else.
 */
final class RequestedSnapshot {

    static final String PROPERTY = "migration-guard.restore.from";

    private final SnapshotDirectory directory;

    private final String historyTable;

    private final RemoteSnapshotSource remote;

    RequestedSnapshot(SnapshotDirectory directory, String historyTable) {
        this(directory, historyTable, null);
    }

    /**
     * Creates a finder that also looks in the bucket.
     * @param directory the snapshot directory
     * @param historyTable the Flyway schema history table
     * @param remote the snapshots off this machine, or {@code null}
     */
    RequestedSnapshot(SnapshotDirectory directory, String historyTable, RemoteSnapshotSource remote) {
        this.directory = directory;
        this.historyTable = historyTable;
        this.remote = remote;
    }

    /**
     * Resolves and checks the requested snapshot.
     * @param from {@code latest} or a snapshot file name
     * @return the snapshot file, verified with {@code quick_check}
     * @throws RestoreException when there is no such snapshot or it is not a sound SQLite database
     */
    Path resolve(String from) {
        Path file = RestoreSettings.LATEST.equals(from) ? latest() : named(from);
        try {
            new SnapshotVerifier(this.historyTable).verify(file, Verification.QUICK);
        } catch (SnapshotException ex) {
            throw new RestoreException(PROPERTY + "=" + from + " names " + file
                    + ", which cannot be restored: " + ex.getMessage() + "; nothing was changed. Pick another file in "
                    + this.directory.path() + " or remove " + PROPERTY);
        }
        return file;
    }

    private Path latest() {
        List<StoredSnapshot> candidates = this.directory.list().stream()
                .filter((snapshot) -> snapshot.name().label() != SnapshotLabel.PRE_RESTORE)
                .toList();
        Optional<Path> newerInBucket = newerInBucket(candidates);
        if (newerInBucket.isPresent()) {
            return newerInBucket.get();
        }
        if (candidates.isEmpty()) {
            throw new RestoreException(PROPERTY + "=" + RestoreSettings.LATEST + " but " + this.directory.path()
                    + " holds no snapshot other than pre-restore ones; nothing was changed. Name a file there or "
                    + "remove " + PROPERTY);
        }
        return candidates.get(candidates.size() - 1).file();
    }

    // The bucket is asked only for what is newer than the newest local snapshot: a local copy needs no download
    private Optional<Path> newerInBucket(List<StoredSnapshot> local) {
        if (this.remote == null) {
            return Optional.empty();
        }
        Instant newestLocal = local.isEmpty()
                ? Instant.MIN
                : local.get(local.size() - 1).name().time();
        return this.remote.fetchNewest(
                (name) ->
                        name.label() != SnapshotLabel.PRE_RESTORE && name.time().isAfter(newestLocal),
                this.directory,
                this.historyTable);
    }

    private Path named(String fileName) {
        return this.directory
                .find(fileName)
                .map(StoredSnapshot::file)
                .or(() -> (this.remote != null)
                        ? this.remote.fetch(fileName, this.directory, this.historyTable)
                        : Optional.empty())
                .orElseThrow(() -> notFound(fileName));
    }

    private RestoreException notFound(String fileName) {
        Path file = this.directory.path().resolve(fileName);
        String why = Files.exists(file)
                ? " exists but its name is not a snapshot name (<label>-<yyyyMMdd'T'HHmmss.SSS'Z'>[-<detail>].db)"
                : " does not exist";
        List<String> available = this.directory.list().stream()
                .map((snapshot) -> snapshot.file().getFileName().toString())
                .toList();
        String bucket = (this.remote != null) ? " (nor in " + this.remote.describe() + ")" : "";
        return new RestoreException(PROPERTY + "=" + fileName + " but " + file + why + bucket
                + "; nothing was changed. Snapshots there: "
                + (available.isEmpty() ? "none" : String.join(", ", available)));
    }
}
