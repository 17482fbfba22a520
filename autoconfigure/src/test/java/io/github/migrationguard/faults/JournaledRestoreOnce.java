package io.github.migrationguard.faults;

import io.github.migrationguard.restore.RestoreSettings;
import io.github.migrationguard.restore.RestoreSteps;
import io.github.migrationguard.snapshot.DatabaseFile;
import io.github.migrationguard.strategy.MigrationReports;
import io.github.migrationguard.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * Child process of {@link InterruptedRestoreFaultTests}: restores a snapshot into the live database after a
 * "failed migration", the way the guard does, with its intent recorded. Prints {@code restored} when done.
 */
public final class JournaledRestoreOnce {

    private JournaledRestoreOnce() {}

    public static void main(String[] args) {
        DataSource dataSource = TestDatabases.wal(Path.of(args[0]));
        new RestoreSteps(RestoreSettings.defaults(), 1, Clock.systemUTC(), null, new MigrationReports())
                .restoreOnFailure(
                        dataSource,
                        DatabaseFile.locate(dataSource),
                        Path.of(args[1]),
                        new IllegalStateException("migration V4 failed"));
        System.out.println("restored");
        System.out.flush();
    }
}
