package io.github.migrationguard.faults;

import io.github.migrationguard.heal.HealSettings;
import io.github.migrationguard.snapshot.SnapshotMethod;
import io.github.migrationguard.snapshot.SnapshotSettings;
import io.github.migrationguard.snapshot.SnapshotWhen;
import io.github.migrationguard.snapshot.Verification;
import io.github.migrationguard.strategy.GuardSettings;
import io.github.migrationguard.strategy.GuardedMigration;
import io.github.migrationguard.strategy.MigrationReport;
import io.github.migrationguard.strategy.MigrationReports;
import io.github.migrationguard.testing.TestDatabases;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * One application start through the guard, as a plain-Flyway application does it, with migrations from a directory.
 * Also the main class of child processes: {@code <db> <migrations dir> <keep>}; prints {@code ready}, starts on a
 * line of input, then prints {@code outcome <OUTCOME> <schema version>} or {@code failed <message>}.
 */
public final class GuardedStart {

    private GuardedStart() {}

    static MigrationReport run(Path db, Path migrations, int keep) {
        return run(TestDatabases.wal(db), migrations, keep);
    }

    static MigrationReport run(DataSource dataSource, Path migrations, int keep) {
        return run(dataSource, migrations, keep, new MigrationReports());
    }

    static MigrationReport run(DataSource dataSource, Path migrations, int keep, MigrationReports reports) {
        GuardSettings settings = new GuardSettings(
                new SnapshotSettings(
                        true,
                        keep,
                        SnapshotWhen.PENDING,
                        false,
                        null,
                        SnapshotMethod.AUTO,
                        Verification.QUICK,
                        0,
                        null),
                HealSettings.defaults());
        GuardedMigration guard = new GuardedMigration(settings, reports, Clock.systemUTC());
        MigrationReport report = guard.migrate(flyway(dataSource, migrations));
        guard.awaitSnapshot();
        return report;
    }

    static Flyway flyway(DataSource dataSource, Path migrations) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("filesystem:" + migrations)
                .load();
    }

    public static void main(String[] args) throws IOException {
        // Every instance is started and ready before any begins: they start together, as after a deploy
        System.out.println("ready");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        try {
            MigrationReport report = run(Path.of(args[0]), Path.of(args[1]), Integer.parseInt(args[2]));
            System.out.println("outcome " + report.outcome() + " " + report.toVersion());
        } catch (RuntimeException ex) {
            System.out.println("failed " + ex.getMessage().lines().findFirst().orElse(""));
        }
        System.out.flush();
    }
}
