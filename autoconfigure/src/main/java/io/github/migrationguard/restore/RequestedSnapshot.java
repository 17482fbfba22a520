package io.github.migrationguard.restore;

import io.github.migrationguard.snapshot.SnapshotDirectory;
import io.github.migrationguard.snapshot.SnapshotDirectory.StoredSnapshot;
import io.github.migrationguard.snapshot.SnapshotException;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.snapshot.SnapshotVerifier;
import io.github.migrationguard.snapshot.Verification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds the snapshot that {@code migration-guard.restore.from} names and proves it can be restored: it is in the
 * snapshot directory and is a sound SQLite database. Touches nothing else.
 */
final class RequestedSnapshot {

    static final String PROPERTY = "migration-guard.restore.from";

    private final SnapshotDirectory directory;

    private final String historyTable;

    RequestedSnapshot(SnapshotDirectory directory, String historyTable) {
        this.directory = directory;
        this.historyTable = historyTable;
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
        if (candidates.isEmpty()) {
            throw new RestoreException(PROPERTY + "=" + RestoreSettings.LATEST + " but " + this.directory.path()
                    + " holds no snapshot other than pre-restore ones; nothing was changed. Name a file there or "
                    + "remove " + PROPERTY);
        }
        return candidates.get(candidates.size() - 1).file();
    }

    private Path named(String fileName) {
        return this.directory.find(fileName).map(StoredSnapshot::file).orElseThrow(() -> notFound(fileName));
    }

    private RestoreException notFound(String fileName) {
        Path file = this.directory.path().resolve(fileName);
        String why = Files.exists(file)
                ? " exists but its name is not a snapshot name (<label>-<yyyyMMdd'T'HHmmss.SSS'Z'>[-<detail>].db)"
                : " does not exist";
        List<String> available = this.directory.list().stream()
                .map((snapshot) -> snapshot.file().getFileName().toString())
                .toList();
        return new RestoreException(PROPERTY + "=" + fileName + " but " + file + why + "; nothing was changed. "
                + "Snapshots there: " + (available.isEmpty() ? "none" : String.join(", ", available)));
    }
}
