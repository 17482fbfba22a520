package io.github.migrationguard.benchmarks;

import io.github.migrationguard.snapshot.DatabaseFile;
import io.github.migrationguard.snapshot.Snapshot;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.snapshot.SnapshotMethod;
import io.github.migrationguard.snapshot.SnapshotSettings;
import io.github.migrationguard.snapshot.SnapshotWriter;
import io.github.migrationguard.snapshot.Verification;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * Child-JVM entry point: takes one snapshot of a database and prints the peak heap and the peak resident set size.
 * Arguments: database file, snapshot directory, method, verification.
 */
public final class MemoryProbe {

    private MemoryProbe() {}

    public static void main(String[] args) throws Exception {
        Path database = Paths.get(args[0]);
        SnapshotSettings settings = new SnapshotSettings(
                Paths.get(args[1]), SnapshotMethod.valueOf(args[2]), Verification.valueOf(args[3]), 0, null);
        DataSource dataSource = BenchDatabase.dataSource(database);
        long start = System.nanoTime();
        Snapshot snapshot = new SnapshotWriter(dataSource, DatabaseFile.locate(dataSource), settings, Clock.systemUTC())
                .write(SnapshotLabel.MANUAL, "memory");
        double seconds = (System.nanoTime() - start) / 1e9;
        Files.deleteIfExists(snapshot.file());
        System.out.println("PEAK_HEAP_BYTES=" + peakHeapBytes());
        System.out.println("PEAK_RSS_KB=" + vmHighWaterMark());
        System.out.println("SNAPSHOT_SECONDS=" + seconds);
        System.out.println("METHOD=" + snapshot.method());
    }

    static long peakHeapBytes() {
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        return peakHeap;
    }

    static long vmHighWaterMark() throws Exception {
        for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
