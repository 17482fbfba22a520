package io.github.migrationguard.actuate;

import io.github.migrationguard.snapshot.SnapshotDirectory;
import io.github.migrationguard.snapshot.SnapshotDirectory.StoredSnapshot;
import io.github.migrationguard.snapshot.SnapshotSchemaVersion;
import io.github.migrationguard.strategy.LiveSnapshots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The snapshots in the backup directory as health, metrics and the endpoint show them, without reading the disk on
 * every request. Snapshots can be added or removed by operators, so the directory is the truth, but it is listed again
 * only when its modification time changed (any file added, renamed or deleted in it changes it); the schema version
 * inside a snapshot is read once per file (name, size and modification time when listed), never on each request. A
 * snapshot overwritten in place under its own name (a copy over it, not a rename) shows once the directory changes.
 */
final class StoredSnapshots {

    /**
     * How old a directory's modification time must be before a listing is trusted until it changes: a file added in
     * the same clock tick as the listing would leave it as it was.
     */
    private static final Duration SETTLED = Duration.ofSeconds(2);

    private final LiveSnapshots snapshots;

    private final AtomicReference<Listing> listing = new AtomicReference<>();

    private final Map<FileKey, Optional<String>> versions = new ConcurrentHashMap<>();

    StoredSnapshots(LiveSnapshots snapshots) {
        this.snapshots = snapshots;
    }

    /**
     * Returns the snapshots of the live database's backup directory, oldest first.
     * @return the snapshots; empty when the database is not a SQLite file or the directory does not exist yet
     */
    List<StoredSnapshot> list() {
        return this.snapshots.directory().map(this::list).orElse(List.of());
    }

    /**
     * Returns the schema version recorded inside a listed snapshot, read from the file the first time it is asked.
     * @param snapshot a snapshot {@link #list()} returned
     * @return the version, or {@code null} when the snapshot holds no schema history or cannot be read
     */
    @Nullable
    String schemaVersion(StoredSnapshot snapshot) {
        Listing listed = this.listing.get();
        FileKey key = (listed != null && listed.keys().containsKey(snapshot.file()))
                ? listed.keys().get(snapshot.file())
                : FileKey.of(snapshot);
        return this.versions
                .computeIfAbsent(
                        key,
                        (file) -> Optional.ofNullable(SnapshotSchemaVersion.read(
                                file.file(), this.snapshots.settings().historyTable())))
                .orElse(null);
    }

    private List<StoredSnapshot> list(SnapshotDirectory directory) {
        Path dir = directory.path();
        FileTime modified = modifiedTime(dir);
        Listing cached = this.listing.get();
        if (cached != null && cached.holds(dir, modified)) {
            return cached.snapshots();
        }
        List<StoredSnapshot> snapshots = directory.list();
        Map<Path, FileKey> keys = snapshots.stream().collect(Collectors.toMap(StoredSnapshot::file, FileKey::of));
        Listing fresh = new Listing(dir, modified, Instant.now(), snapshots, keys);
        this.listing.set(fresh);
        forgetVersionsOfFilesGone(fresh.snapshots());
        return fresh.snapshots();
    }

    private void forgetVersionsOfFilesGone(List<StoredSnapshot> listed) {
        Set<Path> present = listed.stream().map(StoredSnapshot::file).collect(Collectors.toSet());
        this.versions.keySet().removeIf((key) -> !present.contains(key.file()));
    }

    private static @Nullable FileTime modifiedTime(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException ex) {
            return null;
        }
    }

    /**
     * One listing of the directory.
     *
     * @param dir the directory
     * @param modified its modification time when listed, or {@code null} when it did not exist
     * @param listedAt when it was listed
     * @param snapshots what it held
     * @param keys each file as it was when listed
     */
    private record Listing(
            Path dir,
            @Nullable FileTime modified,
            Instant listedAt,
            List<StoredSnapshot> snapshots,
            Map<Path, FileKey> keys) {

        boolean holds(Path dir, @Nullable FileTime modified) {
            return this.modified != null
                    && this.dir.equals(dir)
                    && this.modified.equals(modified)
                    && this.modified.toInstant().isBefore(this.listedAt.minus(SETTLED));
        }
    }

    /**
     * A snapshot file as it was when its version was read: a file replaced under the same name reads again.
     *
     * @param file the file
     * @param sizeBytes its size
     * @param modified its modification time, or {@code null} when it cannot be read
     */
    private record FileKey(Path file, long sizeBytes, @Nullable FileTime modified) {

        static FileKey of(StoredSnapshot snapshot) {
            return new FileKey(snapshot.file(), snapshot.sizeBytes(), modifiedTime(snapshot.file()));
        }
    }
}
