package io.github.migrationguard.benchmarks;

import io.github.migrationguard.snapshot.DatabaseFile;
import io.github.migrationguard.snapshot.PendingSnapshot;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.snapshot.SnapshotMethod;
import io.github.migrationguard.snapshot.SnapshotSettings;
import io.github.migrationguard.snapshot.SnapshotWriter;
import io.github.migrationguard.snapshot.Verification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteDataSource;

/**
 * Copy-on-write clones on a loop-mounted XFS image with reflink (needs root and xfsprogs): the pre-migrate snapshot
 * of 1 GB (its copy is what startup waits for) against {@code cp --reflink=never} + {@code sync} of the same file on
 * the same file system, then the application's writers and requests during live snapshots of 300 MB there.
 */
final class CloneBench {

    private static final int RUNS = 5;

    private final Path dir;

    private final Results results;

    private final int liveWindows;

    CloneBench(Path dir, Results results, int liveWindows) {
        this.dir = dir;
        this.results = results;
        this.liveWindows = liveWindows;
    }

    void run() throws Exception {
        Files.createDirectories(this.dir);
        Path mount = this.dir.resolve("mnt");
        Path image = this.dir.resolve("xfs.img");
        this.results.section("Clones on XFS with reflink (loop-mounted image)");
        String failure = mount(image, mount);
        if (failure != null) {
            this.results.value("XFS clones", "skipped: " + failure);
            return;
        }
        try {
            preMigrate(copyIn(BenchDatabase.ofSize(this.dir, 1024), mount));
            BenchDatabase live = copyIn(BenchDatabase.ofSize(this.dir, 300), mount);
            LiveSnapshotBench bench = new LiveSnapshotBench(live, this.results, "on XFS", this.liveWindows);
            bench.measure(SnapshotMethod.AUTO, 0.95);
            bench.measureRequests(SnapshotMethod.AUTO);
        } finally {
            run("umount", mount.toString());
            Files.deleteIfExists(image);
        }
    }

    private void preMigrate(BenchDatabase database) throws Exception {
        List<Double> cp = new ArrayList<>();
        List<Double> copies = new ArrayList<>();
        List<Double> verified = new ArrayList<>();
        Path baseline = database.file().resolveSibling("baseline.db");
        boolean cloned = true;
        for (int i = 0; i < RUNS; i++) {
            cp.add(Timing.seconds(() -> {
                check(run("cp", "--reflink=never", database.file().toString(), baseline.toString()));
                check(run("sync", baseline.toString()));
            }));
            Files.delete(baseline);
            SQLiteDataSource dataSource = database.dataSource();
            SnapshotWriter writer = new SnapshotWriter(
                    dataSource,
                    DatabaseFile.locate(dataSource),
                    new SnapshotSettings(null, SnapshotMethod.AUTO, Verification.QUICK, 0, null),
                    Clock.systemUTC());
            List<Runnable> verification = new ArrayList<>();
            PendingSnapshot pending = writer.start(SnapshotLabel.PRE_MIGRATE, "v1-to-v2", verification::add);
            copies.add(pending.copyDuration().toNanos() / 1e9);
            cloned &= pending.cloned();
            verification.forEach(Runnable::run);
            verified.add(pending.awaitVerified().duration().toNanos() / 1e9);
            Files.delete(pending.awaitVerified().file());
        }
        double reference = Timing.median(cp);
        double copy = Timing.median(copies);
        this.results.value("cp --reflink=never + sync FILE, 1 GB on XFS", Results.seconds(reference));
        this.results.target(
                "pre-migrate snapshot copy (auto, " + (cloned ? "cloned" : "NOT cloned") + ") vs cp",
                Results.seconds(copy) + " = " + Results.ratio(copy / reference),
                "<= 0.10x",
                copy / reference <= 0.10);
        this.results.value(
                "pre-migrate snapshot until verified (quick_check, alongside the migration)",
                Results.seconds(Timing.median(verified)));
    }

    private static BenchDatabase copyIn(BenchDatabase database, Path mount) throws Exception {
        database.checkpoint();
        Path target = mount.resolve(database.file().getFileName());
        Files.deleteIfExists(target);
        check(run("cp", "--reflink=never", database.file().toString(), target.toString()));
        return BenchDatabase.at(target);
    }

    private static String mount(Path image, Path mount) throws Exception {
        Files.createDirectories(mount);
        Files.deleteIfExists(image);
        try (var file = new java.io.RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(4L * 1024 * 1024 * 1024);
        }
        String mkfs = run("mkfs.xfs", "-q", "-m", "reflink=1", image.toString());
        if (mkfs != null) {
            return mkfs;
        }
        return run("mount", "-o", "loop", image.toString(), mount.toString());
    }

    private static void check(String failure) {
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    private static String run(String... command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (java.io.IOException ex) {
            return String.join(" ", command) + ": " + ex.getMessage();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return (process.waitFor() == 0) ? null : String.join(" ", command) + ": " + output;
    }
}
