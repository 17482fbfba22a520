package io.github.migrationguard.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.migrationguard.heal.HealMode;
import io.github.migrationguard.heal.HealSettings;
import io.github.migrationguard.snapshot.SnapshotSettings;
import io.github.migrationguard.strategy.GuardSettings;
import io.github.migrationguard.strategy.GuardedMigration;
import io.github.migrationguard.strategy.MigrationReport;
import io.github.migrationguard.strategy.MigrationReports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.Flyway;
import org.springframework.util.FileSystemUtils;

/**
 * What recording fingerprints costs on a fresh database with 86 migrations (the size of the largest real history the
 * starter was tried on): a guarded migrate with {@code self-heal.fingerprint=true} against the same with
 * {@code false}, alternating, each on a new database file behind a Hikari pool as in an application.
 */
final class FingerprintBench {

    static final int MIGRATIONS = 86;

    private final Path work;

    private final Results results;

    private final int runs;

    FingerprintBench(Path work, Results results, int runs) {
        this.work = work;
        this.results = results;
        this.runs = runs;
    }

    void run() throws Exception {
        this.results.section("Fingerprints: fresh database, " + MIGRATIONS + " migrations");
        FileSystemUtils.deleteRecursively(this.work);
        Path migrations = writeMigrations(this.work.resolve("migrations"));
        List<Double> on = new ArrayList<>();
        List<Double> off = new ArrayList<>();
        // One untimed boot each first: class loading and the JIT would otherwise count against the first variant
        migrate(migrations, true, "warm-on");
        migrate(migrations, false, "warm-off");
        for (int i = 0; i < this.runs; i++) {
            on.add(migrate(migrations, true, "on-" + i));
            off.add(migrate(migrations, false, "off-" + i));
        }
        double withFingerprints = Timing.median(on);
        double without = Timing.median(off);
        double cost = (withFingerprints - without) / without;
        this.results.value(
                "guarded migrate, self-heal.fingerprint=false (median of " + this.runs + ")", Results.seconds(without));
        this.results.value(
                "guarded migrate, self-heal.fingerprint=true (median of " + this.runs + ")",
                Results.seconds(withFingerprints));
        this.results.target(
                "fingerprints' cost, share of the migrate time",
                String.format(Locale.ROOT, "%.1f %% (%s)", cost * 100, Results.ratio(withFingerprints / without)),
                "<= 5 %",
                cost <= 0.05);
    }

    private double migrate(Path migrations, boolean fingerprints, String name) throws Exception {
        Path dir = Files.createDirectories(this.work.resolve(name));
        try (HikariDataSource pool = pool(dir.resolve("app.db"))) {
            Flyway flyway = Flyway.configure()
                    .dataSource(pool)
                    .locations("filesystem:" + migrations)
                    .load();
            GuardedMigration guarded =
                    new GuardedMigration(settings(dir, fingerprints), new MigrationReports(), Clock.systemUTC());
            long start = System.nanoTime();
            MigrationReport report = guarded.migrate(flyway);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (report.applied() != MIGRATIONS) {
                throw new IllegalStateException("Expected " + MIGRATIONS + " migrations applied: " + report);
            }
            return seconds;
        } finally {
            FileSystemUtils.deleteRecursively(dir);
        }
    }

    private static GuardSettings settings(Path dir, boolean fingerprints) {
        HealSettings heal = new HealSettings(
                true, List.of(), HealMode.REALIGN, fingerprints, HealSettings.DEFAULT_FINGERPRINT_TABLE);
        SnapshotSettings snapshot = new SnapshotSettings(dir.resolve("backups"), null, null, 0, null);
        return new GuardSettings(snapshot, heal);
    }

    private static HikariDataSource pool(Path db) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite:" + db);
        config.setMaximumPoolSize(2);
        config.addDataSourceProperty("journal_mode", "WAL");
        return new HikariDataSource(config);
    }

    /**
     * Writes 86 migrations in the shapes of a real history: tables, indexes, added columns, seed rows, views, with
     * comments, a few hundred bytes to a few kilobytes each.
     */
    static Path writeMigrations(Path dir) throws Exception {
        Files.createDirectories(dir);
        for (int version = 1; version <= MIGRATIONS; version++) {
            Files.writeString(dir.resolve("V" + version + "__step_" + version + ".sql"), script(version));
        }
        return dir;
    }

    private static String script(int version) {
        int table = (version + 3) / 4;
        StringBuilder sql = new StringBuilder("-- Migration " + version + " of the benchmark history\n");
        switch (version % 4) {
            case 1 -> sql.append("CREATE TABLE t_" + table + " (\n    id INTEGER PRIMARY KEY,\n"
                    + "    name TEXT NOT NULL,\n    status VARCHAR(20) DEFAULT 'new',\n"
                    + "    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,\n    amount NUMERIC(10, 2),\n"
                    + "    note TEXT\n);\n");
            case 2 -> sql.append("CREATE INDEX t_" + table + "_name ON t_" + table + " (name);\n" + "ALTER TABLE t_"
                    + table + " ADD COLUMN owner_id INTEGER;\n");
            case 3 -> {
                sql.append("INSERT INTO t_" + table + " (name, status, amount, note) VALUES\n");
                for (int row = 1; row <= 40; row++) {
                    sql.append("    ('row ")
                            .append(row)
                            .append("', 'seed', ")
                            .append(row * 3)
                            .append(".5, ")
                            .append("'a seed row with a note long enough to look like real data'")
                            .append((row < 40) ? "),\n" : ");\n");
                }
            }
            default -> sql.append(
                    "/* derived data */\nUPDATE t_" + table + " SET status = 'active' WHERE amount > 10;\n"
                            + "CREATE VIEW v_" + table + " AS SELECT id, name, amount FROM t_" + table
                            + " WHERE status = 'active';\n");
        }
        return sql.toString();
    }
}
