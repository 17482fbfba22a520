package io.github.migrationguard.benchmarks;

import io.github.migrationguard.heal.HealSettings;
import io.github.migrationguard.snapshot.SnapshotAttempt;
import io.github.migrationguard.snapshot.SnapshotMethod;
import io.github.migrationguard.snapshot.SnapshotSettings;
import io.github.migrationguard.snapshot.SnapshotWhen;
import io.github.migrationguard.snapshot.Verification;
import io.github.migrationguard.strategy.GuardSettings;
import io.github.migrationguard.strategy.GuardedMigration;
import io.github.migrationguard.strategy.MigrationReports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;

/**
 * What the default settings add to startup when a migration is pending: a guarded migration (default snapshot
 * settings: {@code auto} + {@code quick}) against plain {@code flyway.migrate()}, alternating, each applying one small
 * new migration to the same database.
 */
final class StartupPauseBench {

    private final BenchDatabase database;

    private final Path work;

    private final Results results;

    private final int runs;

    private final double baseline;

    private final Path migrations;

    StartupPauseBench(BenchDatabase database, Path work, Results results, int runs, double baseline) {
        this.database = database;
        this.work = work;
        this.results = results;
        this.runs = runs;
        this.baseline = baseline;
        this.migrations = work.resolve("migrations");
    }

    void run() throws Exception {
        prepareMigrations();
        this.database.checkpoint();
        MigrationReports reports = new MigrationReports();
        GuardedMigration guarded = new GuardedMigration(defaults(), reports, Clock.systemUTC());
        List<Double> plain = new ArrayList<>();
        List<Double> guardedRuns = new ArrayList<>();
        List<Double> settled = new ArrayList<>();
        for (int i = 0; i < this.runs; i++) {
            plain.add(Timing.seconds(() -> flyway(nextMigration()).migrate()));
            Flyway flyway = flyway(nextMigration());
            long start = System.nanoTime();
            guarded.migrate(flyway);
            guardedRuns.add((System.nanoTime() - start) / 1e9);
            SnapshotAttempt attempt = guarded.awaitSnapshot().orElseThrow();
            settled.add((System.nanoTime() - start) / 1e9);
            if (attempt.outcome() != SnapshotAttempt.Outcome.SUCCESS) {
                throw new IllegalStateException("Pre-migrate snapshot did not succeed: " + attempt);
            }
        }
        double added = Timing.median(guardedRuns) - Timing.median(plain);
        this.results.value(
                "plain flyway.migrate(), one small pending migration", Results.seconds(Timing.median(plain)));
        this.results.target(
                "startup added by defaults (auto + quick) vs copy",
                Results.seconds(added) + " = " + Results.ratio(added / this.baseline),
                "<= 1.5x",
                added / this.baseline <= 1.5);
        this.results.value(
                "guarded migrate until snapshot verified under final name", Results.seconds(Timing.median(settled)));
    }

    private GuardSettings defaults() {
        SnapshotSettings snapshot = new SnapshotSettings(
                true,
                1,
                SnapshotWhen.PENDING,
                false,
                this.work.resolve("pause-snapshots"),
                SnapshotMethod.AUTO,
                Verification.QUICK,
                0,
                null);
        return new GuardSettings(snapshot, HealSettings.defaults());
    }

    private Flyway flyway(Path ignored) {
        return Flyway.configure()
                .dataSource(this.database.dataSource())
                .locations("filesystem:" + this.migrations)
                .baselineOnMigrate(true)
                .load();
    }

    private void prepareMigrations() throws Exception {
        if (!hasHistory() && Files.isDirectory(this.migrations)) {
            try (Stream<Path> files = Files.list(this.migrations)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(this.migrations);
    }

    private Path nextMigration() throws Exception {
        long version;
        try (Stream<Path> files = Files.list(this.migrations)) {
            version = files.count() + 2;
        }
        return Files.writeString(
                this.migrations.resolve("V" + version + "__bench.sql"),
                "CREATE TABLE bench_" + version + " (id INTEGER PRIMARY KEY, value TEXT);\n");
    }

    private boolean hasHistory() throws Exception {
        try (Connection connection = this.database.dataSource().getConnection();
                ResultSet rows = connection
                        .createStatement()
                        .executeQuery("SELECT 1 FROM sqlite_schema WHERE name = 'flyway_schema_history'")) {
            return rows.next();
        }
    }
}
