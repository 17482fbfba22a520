package io.github.migrationguard.faults;

import io.github.migrationguard.restore.RestoreInto;
import io.github.migrationguard.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;

/**
 * Child process of {@link KillDuringSnapshotFaultTests}: restores a snapshot into a live database. Prints
 * {@code ready} once connected and {@code restored} when done.
 */
public final class RestoreOnce {

    private RestoreOnce() {}

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        Path snapshot = Path.of(args[1]);
        try (Connection live = TestDatabases.wal(db).getConnection()) {
            System.out.println("ready");
            System.out.flush();
            RestoreInto.restore(live, snapshot);
        }
        System.out.println("restored");
        System.out.flush();
    }
}
