package io.github.migrationguard.snapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Clones a file copy-on-write (XFS with reflink, btrfs, bcachefs...): the clone shares the source's blocks, so it
 * takes milliseconds and no space whatever the size, and diverges only as either file changes. Java 17 has no API for
 * it and Java 21+'s {@code Files.copy} clones where it can but silently copies where it cannot, so this runs GNU
 * {@code cp --reflink=always}, which clones or fails and so says which happened. Where cloning fails (another file
 * system, another platform, no GNU {@code cp}) the caller copies the bytes instead.
 */
final class FileClone {

    private static final Log logger = LogFactory.getLog(FileClone.class);

    /**
     * Longest a clone may take before it counts as not supported; a real clone of even a very fragmented file takes a
     * small fraction of it.
     */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Directories where cloning failed, with why: the lock is not held again for an attempt known to fail. */
    private static final Map<Path, String> unsupported = new ConcurrentHashMap<>();

    private FileClone() {}

    /**
     * Whether cloning into a directory already failed in this process.
     * @param dir the target directory
     * @return the reason it failed, or {@code null} when it may work
     */
    static String knownUnsupported(Path dir) {
        return unsupported.get(dir.toAbsolutePath());
    }

    /**
     * Tries to clone a file.
     * @param source the file to clone
     * @param target the clone to create; must not exist, and does not exist after a failure
     * @return {@code null} when the target is a clone, else why cloning failed
     * @throws IOException when a failed attempt left a target that cannot be deleted
     */
    static String tryClone(Path source, Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        String known = knownUnsupported(dir);
        if (known != null) {
            return known;
        }
        String failure = runCp(source, target);
        if (failure != null) {
            Files.deleteIfExists(target);
            if (unsupported.putIfAbsent(dir, failure) == null) {
                logger.info("Snapshots in " + dir + " are copied byte for byte, not cloned (" + failure + "); a file "
                        + "system with copy-on-write clones (XFS with reflink, btrfs) takes them in milliseconds");
            }
        }
        return failure;
    }

    private static String runCp(Path source, Path target) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder(
                            "cp",
                            "--reflink=always",
                            "--no-target-directory",
                            source.toAbsolutePath().toString(),
                            target.toAbsolutePath().toString())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException ex) {
            return "GNU cp could not be run: " + ex.getMessage();
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                return "cp --reflink=always took longer than " + TIMEOUT.toSeconds() + " s";
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return (process.exitValue() == 0) ? null : "cp --reflink=always: " + output;
        } catch (InterruptedException ex) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while cloning " + source + " to " + target, ex);
        }
    }
}
