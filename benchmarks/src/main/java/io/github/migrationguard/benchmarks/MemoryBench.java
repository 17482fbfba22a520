package io.github.migrationguard.benchmarks;

import java.util.List;
import java.util.Map;

/**
 * Snapshots the largest database in child JVMs limited to {@code -Xmx64m}, once per method, and reports peak heap and
 * resident set size.
 */
final class MemoryBench {

    private static final String HEAP_LIMIT = "-Xmx64m";

    private final BenchDatabase database;

    private final Results results;

    private final String size;

    MemoryBench(BenchDatabase database, Results results, String size) {
        this.database = database;
        this.results = results;
        this.size = size;
    }

    void run() throws Exception {
        this.results.section("Memory: snapshot of " + this.size + " in a child JVM with " + HEAP_LIMIT);
        probe("AUTO", "QUICK");
        probe("BACKUP_API", "NONE");
        probe("VACUUM_INTO", "NONE");
    }

    private void probe(String method, String verification) throws Exception {
        String what = method.toLowerCase().replace('_', '-') + " + verify " + verification.toLowerCase();
        Map<String, String> values;
        try {
            values = ChildJvm.run(
                    List.of(HEAP_LIMIT),
                    MemoryProbe.class,
                    List.of(
                            this.database.file().toString(),
                            this.database
                                    .file()
                                    .resolveSibling("memory-snapshots")
                                    .toString(),
                            method,
                            verification));
        } catch (IllegalStateException ex) {
            this.results.target(what + " with " + HEAP_LIMIT, "failed: " + ex.getMessage(), "succeeds", false);
            return;
        }
        String value = PeakMemory.describe(values) + ", "
                + Results.seconds(Double.parseDouble(values.get("SNAPSHOT_SECONDS")));
        this.results.target(what + " with " + HEAP_LIMIT, value, "succeeds", true);
    }
}
