package io.github.migrationguard.actuate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Free space and writability of a backup directory, measured where it is or, before the first snapshot creates it,
 * where it will be created.
 */
final class BackupSpace {

    private BackupSpace() {}

    /**
     * Returns the usable bytes of the file system the directory is (or will be) on.
     * @param dir the backup directory
     * @return the usable bytes, or -1 when they cannot be measured
     */
    static long usableBytes(Path dir) {
        Path existing = nearestExisting(dir);
        try {
            return (existing != null) ? Files.getFileStore(existing).getUsableSpace() : -1;
        } catch (IOException ex) {
            return -1;
        }
    }

    /**
     * Whether snapshots can be written to the directory, or it can be created.
     * @param dir the backup directory
     * @return whether it is writable
     */
    static boolean writable(Path dir) {
        Path existing = nearestExisting(dir);
        return existing != null && Files.isDirectory(existing) && Files.isWritable(existing);
    }

    private static Path nearestExisting(Path dir) {
        Path candidate = dir.toAbsolutePath();
        while (candidate != null && !Files.exists(candidate)) {
            candidate = candidate.getParent();
        }
        return candidate;
    }
}
