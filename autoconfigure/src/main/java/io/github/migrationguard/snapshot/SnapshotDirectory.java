package io.github.migrationguard.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Internal: the directory snapshots live in: lists them by the timestamp in their names, removes leftovers of copies
 * that never finished, and prunes each label down to a number of snapshots. Files whose names are not snapshot names
 * are never touched.
 */
public final class SnapshotDirectory {

    private static final Log logger = LogFactory.getLog(SnapshotDirectory.class);

    private static final String PARTIAL_SUFFIX = ".partial";

    private static final String[] SIDE_FILE_SUFFIXES = {"-journal", "-wal", "-shm"};

    /** Beside a manual snapshot: the whole reason it was taken for, as given (its name only holds a slug). */
    private static final String REASON_SUFFIX = ".reason";

    /**
     * Temporary files this process is still writing or verifying. Process-wide on purpose: a manual snapshot taken
     * while the pre-migrate one is verified in the background must not remove it as a leftover.
     */
    private static final Set<Path> claimed = ConcurrentHashMap.newKeySet();

    private final Path dir;

    public SnapshotDirectory(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    public Path path() {
        return this.dir;
    }

    /**
     * Lists the snapshots in the directory, oldest first.
     * @return the snapshots; empty when the directory does not exist
     */
    public List<StoredSnapshot> list() {
        List<StoredSnapshot> snapshots = new ArrayList<>();
        for (Path file : files()) {
            SnapshotName.parse(file.getFileName().toString())
                    .filter((name) -> Files.isRegularFile(file))
                    .ifPresent((name) -> snapshots.add(new StoredSnapshot(file, name, sizeOf(file), reasonOf(file))));
        }
        snapshots.sort(Comparator.comparing(
                        (StoredSnapshot snapshot) -> snapshot.name().time())
                .thenComparing((snapshot) -> snapshot.file().getFileName().toString()));
        return snapshots;
    }

    /**
     * Lists the snapshots with one label, oldest first.
     * @param label the label
     * @return the snapshots
     */
    public List<StoredSnapshot> list(SnapshotLabel label) {
        return list().stream()
                .filter((snapshot) -> snapshot.name().label() == label)
                .toList();
    }

    /**
     * Finds a snapshot by file name.
     * @param fileName the file name, without directory
     * @return the snapshot, or empty when no snapshot has that name
     */
    public Optional<StoredSnapshot> find(String fileName) {
        return list().stream()
                .filter((snapshot) -> snapshot.file().getFileName().toString().equals(fileName))
                .findFirst();
    }

    /**
     * Removes temporary files left by snapshots that never finished, with their journals. They are never trusted: a
     * copy killed halfway plus its journal opens as an empty database that passes {@code quick_check}.
     * @return the files removed
     */
    public List<Path> removeLeftovers() {
        List<Path> removed = new ArrayList<>();
        for (Path file : files()) {
            String name = file.getFileName().toString();
            if (isLeftover(name) && !isClaimed(file)) {
                delete(file, removed);
            }
        }
        return removed;
    }

    private static boolean isLeftover(String name) {
        if (!name.startsWith(".")) {
            return false;
        }
        if (name.endsWith(PARTIAL_SUFFIX)) {
            return true;
        }
        for (String suffix : SIDE_FILE_SUFFIXES) {
            if (name.endsWith(PARTIAL_SUFFIX + suffix)) {
                return true;
            }
        }
        return false;
    }

    static void claim(Path partial) {
        claimed.add(partial.toAbsolutePath());
    }

    static void release(Path partial) {
        claimed.remove(partial.toAbsolutePath());
    }

    private static boolean isClaimed(Path file) {
        String name = file.getFileName().toString();
        String partialName = name.substring(0, name.lastIndexOf(PARTIAL_SUFFIX) + PARTIAL_SUFFIX.length());
        return claimed.contains(file.toAbsolutePath().resolveSibling(partialName));
    }

    /**
     * Deletes the oldest snapshots of a label beyond the newest {@code keep}.
     * @param label the label
     * @param keep how many to keep
     * @return the files deleted
     */
    public List<Path> prune(SnapshotLabel label, int keep) {
        List<StoredSnapshot> snapshots = list(label);
        List<Path> deleted = new ArrayList<>();
        for (int i = 0; i < snapshots.size() - Math.max(keep, 0); i++) {
            delete(snapshots.get(i).file(), deleted);
        }
        return deleted;
    }

    /**
     * Keeps the whole reason a snapshot was taken for beside it, written atomically; retention deletes it with the
     * snapshot. A reason that cannot be written is logged and lost, never the snapshot.
     * @param snapshot the snapshot file, under its final name
     * @param reason the reason, as given
     */
    public void keepReason(Path snapshot, String reason) {
        Path target = reasonFile(snapshot);
        Path temporary = target.resolveSibling("." + target.getFileName() + PARTIAL_SUFFIX);
        try {
            Files.writeString(temporary, reason, StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException ex) {
            logger.warn("Could not keep the reason of snapshot " + snapshot + " beside it (" + ex.getMessage()
                    + "); the snapshot is fine and its name holds the reason's slug");
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // removed as a leftover at the next start
            }
        }
    }

    private static @Nullable String reasonOf(Path snapshot) {
        Path file = reasonFile(snapshot);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException ex) {
            return null;
        }
    }

    private static Path reasonFile(Path snapshot) {
        return snapshot.resolveSibling(snapshot.getFileName() + REASON_SUFFIX);
    }

    /**
     * Deletes a file and the SQLite side files that may stand beside it.
     * @param file the file
     */
    static void deleteWithSideFiles(Path file) {
        try {
            Files.deleteIfExists(file);
            for (String suffix : SIDE_FILE_SUFFIXES) {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
            }
            Files.deleteIfExists(reasonFile(file));
        } catch (IOException ex) {
            logger.warn("Could not delete " + file + " (" + ex.getMessage() + "); delete it by hand");
        }
    }

    private static void delete(Path file, List<Path> deleted) {
        deleteWithSideFiles(file);
        if (!Files.exists(file)) {
            deleted.add(file);
        }
    }

    private List<Path> files() {
        if (!Files.isDirectory(this.dir)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(this.dir)) {
            stream.forEach(files::add);
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not list snapshot directory " + this.dir, ex);
        }
        return files;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException ex) {
            return -1;
        }
    }

    /**
     * A snapshot file found in the directory.
     *
     * @param file the file
     * @param name its parsed name
     * @param sizeBytes its size
     * @param reason the whole reason a manual snapshot was taken for, or {@code null}
     */
    public record StoredSnapshot(Path file, SnapshotName name, long sizeBytes, @Nullable String reason) {}
}
