package io.github.migrationguard.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live clone waits for the write lock and a complete checkpoint no longer than {@link LiveClone#WAIT}, whatever
 * holds the database, the checkpoint it runs before polling for the lock included.
 */
class LiveCloneTests {

    @TempDir
    Path temp;

    @Test
    void aDatabaseHeldExclusivelyIsBusyWithoutWaitingForTheConnectionsBusyTimeout() throws Exception {
        Path database = this.temp.resolve("app.db");
        try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + database);
                Statement statement = holder.createStatement()) {
            statement.execute("PRAGMA journal_mode = WAL");
            statement.execute("CREATE TABLE item (id INTEGER PRIMARY KEY)");
            // Exclusive locking mode: after its next write this connection keeps the file's exclusive lock, so no
            // other connection can even read until it closes
            statement.execute("PRAGMA locking_mode = EXCLUSIVE");
            statement.execute("INSERT INTO item VALUES (1)");
            Path target = this.temp.resolve("clone.db");
            long start = System.nanoTime();
            LiveClone.Result result;
            // The snapshot's own connections wait up to 10 s for a lock through SQLite's busy handler
            try (Connection locker = SqliteConnections.open(database);
                    Connection checkpointer = SqliteConnections.open(database)) {
                result = new LiveClone().tryClone(locker, checkpointer, new DatabaseFile(database, null), target);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(result).isEqualTo(LiveClone.Result.BUSY);
            assertThat(target).doesNotExist();
            // The bound is 500 ms of polling; a wait in a busy handler would take the connections' 10 s
            assertThat(took).isLessThan(Duration.ofSeconds(5));
        }
    }
}
