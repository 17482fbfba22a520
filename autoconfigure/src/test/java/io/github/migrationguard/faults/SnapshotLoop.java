package io.github.migrationguard.faults;

import io.github.migrationguard.snapshot.DatabaseFile;
import io.github.migrationguard.snapshot.Snapshot;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.snapshot.SnapshotMethod;
import io.github.migrationguard.snapshot.SnapshotSettings;
import io.github.migrationguard.snapshot.SnapshotWriter;
import io.github.migrationguard.snapshot.Verification;
import io.github.migrationguard.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import org.sqlite.SQLiteDataSource;

/**
 * Child process of {@link KillDuringSnapshotFaultTests}: takes snapshots of a database one after the other, pruning
 * to two, until it is killed. Prints {@code ready} once connected, then {@code snapshot <file>} after each one.
 */
public final class SnapshotLoop {

    private SnapshotLoop() {}

    public static void main(String[] args) {
        Path db = Path.of(args[0]);
        SnapshotMethod method = SnapshotMethod.valueOf(args[1]);
        SQLiteDataSource dataSource = TestDatabases.wal(db);
        DatabaseFile database = DatabaseFile.locate(dataSource);
        SnapshotSettings settings = new SnapshotSettings(null, method, Verification.QUICK, 0, null);
        SnapshotWriter writer = new SnapshotWriter(dataSource, database, settings, Clock.systemUTC());
        System.out.println("ready");
        System.out.flush();
        while (true) {
            Snapshot snapshot = writer.write(SnapshotLabel.PRE_MIGRATE, "kill-test");
            writer.directory().prune(SnapshotLabel.PRE_MIGRATE, 2);
            System.out.println("snapshot " + snapshot.file());
            System.out.flush();
        }
    }
}
