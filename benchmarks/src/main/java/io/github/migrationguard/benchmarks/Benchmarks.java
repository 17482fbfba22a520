package io.github.migrationguard.benchmarks;

import io.github.migrationguard.snapshot.SnapshotMethod;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Runs every benchmark of docs/benchmarks.md and prints ratios measured in the same run. Run it with
 * {@code scripts/bench.sh} (options: {@code --sizes=100,1024}, {@code --with-4g}, {@code --startup-runs=N},
 * {@code --no-memory}, {@code --no-startup}, {@code --live}, {@code --xfs}, {@code --live-windows=N}, {@code --scale-gb=N}, {@code --restore-mb=1300,2700},
 * {@code --no-snapshots}, {@code --no-remote}, {@code --no-compression}, {@code --no-fingerprints}).
 */
public final class Benchmarks {

    private Benchmarks() {}

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        long start = System.nanoTime();
        printMachine(options);
        Files.createDirectories(options.dir());
        // For running a piece by hand, e.g. java -cp "$(cat target/bench/classpath.txt)" ...startup.StartupApp
        Files.writeString(options.dir().resolve("classpath.txt"), System.getProperty("java.class.path"));
        Results results = new Results();
        BenchDatabase largest = null;
        for (int megabytes : options.sizesMb()) {
            BenchDatabase database = BenchDatabase.ofSize(options.dir(), megabytes);
            String size = label(megabytes);
            Path work = options.dir().resolve("work-" + megabytes);
            if (options.snapshots()) {
                SnapshotBench snapshots = new SnapshotBench(database, work, results, runsFor(megabytes), size);
                snapshots.run();
                new StartupPauseBench(database, work, results, runsFor(megabytes), snapshots.baseline()).run();
            }
            if (options.remote() && options.compression()) {
                new CompressionBench(database, work, results, compressionRunsFor(megabytes), size).run();
            }
            if (megabytes == options.memorySizeMb()) {
                largest = database;
            }
        }
        if (options.fingerprints()) {
            new FingerprintBench(options.dir().resolve("fingerprints"), results, 9).run();
        }
        if (options.startup()) {
            new StartupBench(options.dir().resolve("startup"), results, options.startupRuns()).run();
        }
        if (options.memory() && largest != null) {
            if (options.snapshots()) {
                new MemoryBench(largest, results, label(options.memorySizeMb())).run();
            }
            if (options.remote()) {
                new RemoteMemoryBench(largest, options.dir().resolve("remote"), results, label(options.memorySizeMb()))
                        .run();
            }
        }
        if (options.live()) {
            BenchDatabase live = BenchDatabase.ofSize(options.dir().resolve("live"), 300);
            results.section("Live snapshots of 300 MB, application with a pool of one (" + fileSystem(live) + ")");
            LiveSnapshotBench bench =
                    new LiveSnapshotBench(live, results, "on " + fileSystem(live), options.liveWindows());
            bench.measure(SnapshotMethod.AUTO, 0.70);
            bench.measure(SnapshotMethod.BACKUP_API, 0.70);
            bench.measure(SnapshotMethod.FILE_COPY, 0);
            bench.measureRequests(SnapshotMethod.AUTO, SnapshotMethod.BACKUP_API, SnapshotMethod.FILE_COPY);
            bench.comparePriority(SnapshotMethod.BACKUP_API, 5);
            bench.comparePacing(5);
        }
        if (options.xfs()) {
            new CloneBench(options.dir().resolve("xfs"), results, options.liveWindows()).run();
        }
        if (options.scaleGb() > 0) {
            new ScaleBench(options.dir().resolve("scale"), options.scaleGb(), results).run();
        }
        if (!options.restoreMb().isEmpty()) {
            new RestoreScaleBench(options.dir().resolve("restore-scale"), options.restoreMb(), results).run();
        }
        results.write(options.dir().resolve("results.md"));
        System.out.printf(Locale.ROOT, "Total benchmark time: %.0f s%n", (System.nanoTime() - start) / 1e9);
    }

    static String fileSystem(BenchDatabase database) throws java.io.IOException {
        return Files.getFileStore(database.file()).type();
    }

    private static int runsFor(int megabytes) {
        // Enough runs for steady medians on a shared 2-core machine; 4 GB runs once to stay in time
        if (megabytes <= 256) {
            return 9;
        }
        return (megabytes <= 1024) ? 5 : 1;
    }

    private static int compressionRunsFor(int megabytes) {
        // gzip costs tens of copies' time per pass: one pass at 1 GB and above keeps the whole run in time
        return (megabytes <= 256) ? 3 : 1;
    }

    private static String label(int megabytes) {
        return (megabytes >= 1024 && megabytes % 1024 == 0) ? (megabytes / 1024) + " GB" : megabytes + " MB";
    }

    private static void printMachine(BenchOptions options) {
        System.out.println("migration-guard benchmarks");
        System.out.println("  cores: " + Runtime.getRuntime().availableProcessors() + ", java "
                + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
                + ", load average "
                + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("  sizes: " + options.sizesMb() + " MB, work dir " + options.dir());
    }
}
