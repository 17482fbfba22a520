package io.github.migrationguard.benchmarks;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line options of the benchmark run.
 *
 * @param dir where generated databases and copies go
 * @param sizesMb database sizes to measure, in megabytes
 * @param startupRuns startup runs per variant (alternating)
 * @param memory whether to run the small-heap snapshot in a child JVM
 * @param startup whether to time application startup
 * @param live whether to measure the application's writers and requests during live snapshots
 * @param xfs whether to measure clones on a loop-mounted XFS image (needs root and xfsprogs)
 * @param liveWindows writer windows (each against an idle one) per method of a live snapshot, at least 3
 * @param scaleGb size of the failed-upgrade scale run in GB, 0 for none
 * @param restoreMb sizes in MB of the restore-at-scale run (where a restore's time goes), none by default
 * @param snapshots whether to measure snapshots (methods, verification, writers, startup pause) per size
 * @param remote whether to measure compression per size and the small-heap copy to a bucket and back
 * @param compression whether to measure compression per size (with {@code remote})
 * @param fingerprints whether to time fingerprint recording on a fresh database with 86 migrations
 */
record BenchOptions(
        Path dir,
        List<Integer> sizesMb,
        int startupRuns,
        boolean memory,
        boolean startup,
        boolean live,
        boolean xfs,
        int liveWindows,
        int scaleGb,
        List<Integer> restoreMb,
        boolean snapshots,
        boolean remote,
        boolean compression,
        boolean fingerprints) {

    static BenchOptions parse(String[] args) {
        Path dir = Paths.get("target", "bench");
        List<Integer> sizes = new ArrayList<>(List.of(100, 1024));
        int startupRuns = 15;
        boolean memory = true;
        boolean startup = true;
        boolean live = false;
        boolean xfs = false;
        int liveWindows = 5;
        int scaleGb = 0;
        List<Integer> restoreMb = List.of();
        boolean snapshots = true;
        boolean remote = true;
        boolean compression = true;
        boolean fingerprints = true;
        for (String arg : args) {
            if (arg.isBlank()) {
                continue;
            }
            if (arg.startsWith("--dir=")) {
                dir = Paths.get(value(arg));
            } else if (arg.startsWith("--sizes=")) {
                sizes = parseSizes(value(arg));
            } else if (arg.equals("--with-4g")) {
                sizes.add(4096);
            } else if (arg.startsWith("--startup-runs=")) {
                startupRuns = Math.max(10, Integer.parseInt(value(arg)));
            } else if (arg.equals("--no-memory")) {
                memory = false;
            } else if (arg.equals("--no-startup")) {
                startup = false;
            } else if (arg.equals("--live")) {
                live = true;
            } else if (arg.equals("--xfs")) {
                xfs = true;
            } else if (arg.startsWith("--live-windows=")) {
                liveWindows = Math.max(3, Integer.parseInt(value(arg)));
            } else if (arg.startsWith("--scale-gb=")) {
                scaleGb = Integer.parseInt(value(arg));
            } else if (arg.startsWith("--restore-mb=")) {
                restoreMb = parseSizes(value(arg));
            } else if (arg.equals("--no-snapshots")) {
                snapshots = false;
            } else if (arg.equals("--no-remote")) {
                remote = false;
            } else if (arg.equals("--no-compression")) {
                compression = false;
            } else if (arg.equals("--no-fingerprints")) {
                fingerprints = false;
            } else {
                throw new IllegalArgumentException(
                        "Unknown option " + arg + "; known: --dir=, --sizes=100,1024, "
                                + "--with-4g, --startup-runs=N (>= 10), --no-memory, --no-startup, --live, --xfs, "
                                + "--live-windows=N (>= 3), --scale-gb=N, --restore-mb=1300,2700, --no-snapshots, --no-remote, --no-compression, --no-fingerprints");
            }
        }
        return new BenchOptions(
                dir.toAbsolutePath(),
                sizes,
                startupRuns,
                memory,
                startup,
                live,
                xfs,
                liveWindows,
                scaleGb,
                restoreMb,
                snapshots,
                remote,
                compression,
                fingerprints);
    }

    /**
     * Returns the size the small-heap run uses: 1 GB when measured, else the largest size.
     * @return the size in megabytes
     */
    int memorySizeMb() {
        return this.sizesMb.contains(1024)
                ? 1024
                : this.sizesMb.stream().max(Integer::compare).orElse(100);
    }

    private static String value(String arg) {
        return arg.substring(arg.indexOf('=') + 1);
    }

    private static List<Integer> parseSizes(String value) {
        List<Integer> sizes = new ArrayList<>();
        for (String size : value.split(",")) {
            if (!size.isBlank()) {
                sizes.add(Integer.parseInt(size.trim()));
            }
        }
        return sizes;
    }
}
