package io.github.migrationguard.benchmarks;

import io.github.migrationguard.benchmarks.startup.StartupApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Startup of the same small application with nothing pending, starter enabled and disabled, alternating runs in
 * separate JVMs.
 */
final class StartupBench {

    private final Path work;

    private final Results results;

    private final int runs;

    StartupBench(Path work, Results results, int runs) {
        this.work = work;
        this.results = results;
        this.runs = runs;
    }

    void run() throws Exception {
        Files.createDirectories(this.work);
        Path db = this.work.resolve("startup.db");
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(db.resolveSibling(db.getFileName() + suffix));
        }
        // Applies V1 (and warms the file cache): every timed run finds nothing pending
        start(db, true);
        start(db, false);
        List<Double> enabled = new ArrayList<>();
        List<Double> disabled = new ArrayList<>();
        List<Double> enabledWall = new ArrayList<>();
        List<Double> disabledWall = new ArrayList<>();
        List<Double> enabledCpu = new ArrayList<>();
        List<Double> disabledCpu = new ArrayList<>();
        for (int i = 0; i < this.runs; i++) {
            Map<String, String> on = start(db, true);
            Map<String, String> off = start(db, false);
            enabled.add(Double.parseDouble(on.get("READY_MILLIS")) / 1000);
            disabled.add(Double.parseDouble(off.get("READY_MILLIS")) / 1000);
            enabledWall.add(Double.parseDouble(on.get("WALL_SECONDS")));
            disabledWall.add(Double.parseDouble(off.get("WALL_SECONDS")));
            enabledCpu.add(Double.parseDouble(on.get("CPU_MILLIS")) / 1000);
            disabledCpu.add(Double.parseDouble(off.get("CPU_MILLIS")) / 1000);
        }
        double on = Timing.median(enabled);
        double off = Timing.median(disabled);
        this.results.section("Startup, nothing pending (" + this.runs + " alternating runs each, medians)");
        this.results.value("JVM start to context ready, migration-guard.enabled=false", Results.seconds(off));
        this.results.value("JVM start to context ready, starter enabled", Results.seconds(on));
        this.results.target("startup enabled vs disabled", Results.ratio(on / off), "<= 1.02x", on / off <= 1.02);
        double cpuOn = Timing.median(enabledCpu);
        double cpuOff = Timing.median(disabledCpu);
        this.results.value(
                "CPU time until ready, enabled vs disabled",
                Results.seconds(cpuOn) + " vs " + Results.seconds(cpuOff) + " = " + Results.ratio(cpuOn / cpuOff));
        this.results.value(
                "process wall time enabled vs disabled",
                Results.seconds(Timing.median(enabledWall)) + " vs " + Results.seconds(Timing.median(disabledWall)));
    }

    private static Map<String, String> start(Path db, boolean enabled) throws Exception {
        return ChildJvm.run(
                List.of("-Xmx256m"),
                StartupApp.class,
                List.of(
                        "--spring.datasource.url=jdbc:sqlite:" + db,
                        "--migration-guard.enabled=" + enabled,
                        "--logging.level.root=WARN"));
    }
}
