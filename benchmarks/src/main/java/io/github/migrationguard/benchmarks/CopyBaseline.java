package io.github.migrationguard.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The yardstick: a plain copy of the database file followed by an fsync of the copy, both with {@code Files.copy} and
 * with {@code cp} plus {@code sync FILE}; the faster of the two is what the engine is compared with.
 */
final class CopyBaseline {

    private final Path source;

    private final Path target;

    CopyBaseline(Path source, Path target) {
        this.source = source;
        this.target = target;
    }

    double javaCopy() throws Exception {
        Files.deleteIfExists(this.target);
        double seconds = Timing.seconds(() -> {
            Files.copy(this.source, this.target);
            BenchDatabase.forceFile(this.target);
        });
        Files.deleteIfExists(this.target);
        return seconds;
    }

    double cp() throws Exception {
        Files.deleteIfExists(this.target);
        double seconds = Timing.seconds(() -> {
            run("cp", this.source.toString(), this.target.toString());
            run("sync", this.target.toString());
        });
        Files.deleteIfExists(this.target);
        return seconds;
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }
}
