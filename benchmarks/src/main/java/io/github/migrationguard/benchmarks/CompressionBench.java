package io.github.migrationguard.benchmarks;

import io.github.migrationguard.remote.Compression;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Each {@code remote.compression} on one database: the snapshot file streamed through the compressor the upload uses
 * into a local file (and back through the decompressor a download uses), against a plain copy of the same file in the
 * same run. Wall time, CPU time of the thread doing it, and the size of the object.
 */
final class CompressionBench {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final BenchDatabase database;

    private final Path work;

    private final Results results;

    private final int runs;

    private final String size;

    CompressionBench(BenchDatabase database, Path work, Results results, int runs, String size) {
        this.database = database;
        this.work = work;
        this.results = results;
        this.runs = runs;
        this.size = size;
    }

    void run() throws Exception {
        Files.createDirectories(this.work);
        this.database.checkpoint();
        CopyBaseline copy = new CopyBaseline(this.database.file(), this.work.resolve("baseline.db"));
        copy.javaCopy(); // warm the page cache
        List<Double> copies = new ArrayList<>();
        Map<Compression, List<Pass>> compressions = new EnumMap<>(Compression.class);
        Map<Compression, List<Pass>> decompressions = new EnumMap<>(Compression.class);
        for (int i = 0; i < this.runs; i++) {
            copies.add(copy.javaCopy());
            for (Compression compression : Compression.values()) {
                Path object = this.work.resolve("object" + compression.suffix());
                compressions
                        .computeIfAbsent(compression, (key) -> new ArrayList<>())
                        .add(compress(compression, object));
                decompressions
                        .computeIfAbsent(compression, (key) -> new ArrayList<>())
                        .add(decompress(compression, object));
                Files.delete(object);
            }
        }
        double baseline = Timing.median(copies);
        long fileBytes = this.database.sizeBytes();
        this.results.section("Compression for the bucket, " + this.size + " (" + Results.megabytes(fileBytes)
                + "), median of " + this.runs);
        this.results.value("Files.copy + fsync (the reference)", Results.seconds(baseline));
        for (Compression compression : Compression.values()) {
            report(compression, Pass.median(compressions.get(compression)), "compress", baseline, fileBytes);
            report(compression, Pass.median(decompressions.get(compression)), "decompress", baseline, fileBytes);
        }
    }

    private void report(Compression compression, Pass pass, String what, double baseline, long fileBytes) {
        String name = compression.value() + ": " + what + " to a file + fsync";
        this.results.value(
                name + " vs copy",
                Results.seconds(pass.seconds()) + " = " + Results.ratio(pass.seconds() / baseline) + ", CPU "
                        + Results.seconds(pass.cpuSeconds()));
        if (what.equals("compress")) {
            this.results.value(
                    compression.value() + ": object size",
                    Results.megabytes(pass.bytes())
                            + String.format(Locale.ROOT, " = %.1f%% of the file", 100.0 * pass.bytes() / fileBytes));
        }
    }

    private Pass compress(Compression compression, Path object) throws Exception {
        return timed(() -> {
            try (InputStream in = Files.newInputStream(this.database.file());
                    OutputStream out = compression.compress(Files.newOutputStream(object))) {
                in.transferTo(out);
            }
            BenchDatabase.forceFile(object);
            return Files.size(object);
        });
    }

    private Pass decompress(Compression compression, Path object) throws Exception {
        Path restored = this.work.resolve("restored.db");
        Pass pass = timed(() -> {
            try (InputStream in = compression.decompress(Files.newInputStream(object));
                    OutputStream out = Files.newOutputStream(restored)) {
                in.transferTo(out);
            }
            BenchDatabase.forceFile(restored);
            return Files.size(restored);
        });
        if (pass.bytes() != this.database.sizeBytes()) {
            throw new IllegalStateException(compression + " gave back " + pass.bytes() + " bytes");
        }
        Files.delete(restored);
        return pass;
    }

    private static Pass timed(Work work) throws Exception {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long bytes = work.run();
        return new Pass((System.nanoTime() - start) / 1e9, (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9, bytes);
    }

    @FunctionalInterface
    private interface Work {
        long run() throws Exception;
    }

    /**
     * One pass over the file.
     *
     * @param seconds wall time
     * @param cpuSeconds CPU time of the thread (user and system)
     * @param bytes bytes written
     */
    private record Pass(double seconds, double cpuSeconds, long bytes) {

        static Pass median(List<Pass> passes) {
            return new Pass(
                    Timing.median(passes.stream().map(Pass::seconds).toList()),
                    Timing.median(passes.stream().map(Pass::cpuSeconds).toList()),
                    passes.get(0).bytes());
        }
    }
}
