package io.github.migrationguard.faults;

import io.github.migrationguard.heal.HealSettings;
import io.github.migrationguard.lint.LintSettings;
import io.github.migrationguard.restore.RestoreSettings;
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
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * One application start through the guard, as a plain-Flyway application does it, with migrations from a directory.
 * Also the main class of child processes: {@code <db> <migrations dir> <keep> [if-missing|on-downgrade]}; prints
 * {@code ready}, starts on a line of input, then prints {@code outcome <OUTCOME> restores=<n> <schema version>} or
 * {@code failed <message>}.
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
        return run(dataSource, migrations, keep, reports, RestoreSettings.defaults());
    }

    static MigrationReport run(
            DataSource dataSource, Path migrations, int keep, MigrationReports reports, RestoreSettings restore) {
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
                HealSettings.defaults(),
                restore,
                false,
                LintSettings.DEFAULTS);
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

    /**
     * Returns the restore settings a child is started with.
     * @param mode {@code if-missing} or {@code on-downgrade}
     */
    static RestoreSettings restore(String mode) {
        return switch (mode) {
            case "if-missing" -> new RestoreSettings(true, null, false, false, true);
            case "on-downgrade" -> new RestoreSettings(true, null, false, true, false);
            default -> throw new IllegalArgumentException("Unknown restore mode " + mode);
        };
    }

    /**
     * Starts instances in child JVMs, each ready before any begins, as after a deploy, and waits for all to end.
     * @param instances how many
     * @param db the database
     * @param migrations the migrations directory
     * @param keep how many snapshots to keep
     * @param restore {@code if-missing} or {@code on-downgrade}, or nothing
     * @return each instance's result line, {@code outcome ...} or {@code failed ...}
     */
    static List<String> together(int instances, Path db, Path migrations, int keep, String... restore)
            throws Exception {
        List<String> args = new ArrayList<>(List.of(db.toString(), migrations.toString(), String.valueOf(keep)));
        args.addAll(List.of(restore));
        List<Process> processes = new ArrayList<>();
        List<BufferedReader> outputs = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            Process process = ChildProcesses.start(GuardedStart.class, args.toArray(String[]::new));
            processes.add(process);
            outputs.add(ChildProcesses.output(process));
            ChildProcesses.awaitLine(outputs.get(i), "ready");
        }
        for (Process process : processes) {
            OutputStream input = process.getOutputStream();
            input.write("go\n".getBytes(StandardCharsets.UTF_8));
            input.flush();
        }
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            outcomes.add(result(outputs.get(i)));
            if (processes.get(i).waitFor() != 0) {
                throw new IllegalStateException(
                        "Instance " + i + " exited with " + processes.get(i).exitValue());
            }
        }
        return outcomes;
    }

    private static String result(BufferedReader output) throws IOException {
        // Logs go to standard output too: the result is the line the child prints last, in its own format
        String line;
        while ((line = output.readLine()) != null) {
            if (line.startsWith("outcome ") || line.startsWith("failed ")) {
                return line;
            }
        }
        return "no result: the instance ended without one";
    }

    public static void main(String[] args) throws IOException {
        // Every instance is started and ready before any begins: they start together, as after a deploy
        System.out.println("ready");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        try {
            RestoreSettings restore = (args.length > 3) ? restore(args[3]) : RestoreSettings.defaults();
            MigrationReport report = run(
                    TestDatabases.wal(Path.of(args[0])),
                    Path.of(args[1]),
                    Integer.parseInt(args[2]),
                    new MigrationReports(),
                    restore);
            long restores = report.restores().stream()
                    .filter((record) -> record.restored())
                    .count();
            System.out.println("outcome " + report.outcome() + " restores=" + restores + " " + report.toVersion());
        } catch (RuntimeException ex) {
            System.out.println("failed " + ex.getMessage().lines().findFirst().orElse(""));
        }
        System.out.flush();
    }
}
