package io.github.migrationguard.faults;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Small real file systems for fault tests: a tmpfs of a given size, remounted smaller or read-only. Needs root (or
 * CAP_SYS_ADMIN); tests that use it are skipped, with the reason, where mounting is not permitted.
 */
final class Mounts implements AutoCloseable {

    private final List<Path> mounted = new ArrayList<>();

    /**
     * Mounts a tmpfs, or skips the test when mounting is not permitted.
     * @param dir the mount point, created if needed
     * @param bytes the size
     * @return the mount point
     */
    Path tmpfs(Path dir, long bytes) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        String error = run("mount", "-t", "tmpfs", "-o", "size=" + bytes, "tmpfs", dir.toString());
        assumeTrue(
                error == null,
                () -> "Skipped: mounting a tmpfs is not permitted here (needs root or " + "CAP_SYS_ADMIN): " + error);
        this.mounted.add(0, dir);
        return dir;
    }

    /**
     * Mounts a loop-mounted XFS image with copy-on-write clones (reflink), or skips the test when that is not
     * possible here (no {@code mkfs.xfs}, or mounting not permitted).
     * @param dir the mount point, created if needed
     * @param image the image file to create, on another file system
     * @param bytes the size of the image (sparse: it takes only what is written)
     * @return the mount point
     */
    Path xfs(Path dir, Path image, long bytes) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        try (var file = new java.io.RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(bytes);
        }
        String mkfs = run("mkfs.xfs", "-q", "-m", "reflink=1", image.toString());
        assumeTrue(
                mkfs == null,
                () -> "Skipped: cannot make an XFS file system with reflink here (install " + "xfsprogs): " + mkfs);
        String error = run("mount", "-o", "loop", image.toString(), dir.toString());
        assumeTrue(
                error == null,
                () -> "Skipped: loop-mounting an XFS image is not permitted here (needs root or CAP_SYS_ADMIN and "
                        + "loop devices): " + error);
        this.mounted.add(0, dir);
        return dir;
    }

    void resize(Path dir, long bytes) throws IOException, InterruptedException {
        check(run("mount", "-o", "remount,size=" + bytes, dir.toString()));
    }

    void readOnly(Path dir) throws IOException, InterruptedException {
        check(run("mount", "-o", "remount,ro", dir.toString()));
    }

    static long used(Path dir) throws IOException {
        var store = Files.getFileStore(dir);
        return store.getTotalSpace() - store.getUsableSpace();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (Path dir : this.mounted) {
            check(run("umount", "-l", dir.toString()));
        }
        this.mounted.clear();
    }

    private static void check(String error) {
        if (error != null) {
            throw new IllegalStateException(error);
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException ex) {
            return ex.getMessage();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return (process.waitFor() == 0) ? null : String.join(" ", command) + ": " + output.trim();
    }
}
