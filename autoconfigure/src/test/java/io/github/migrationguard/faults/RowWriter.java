package io.github.migrationguard.faults;

import io.github.migrationguard.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Child process of {@link ConcurrentWritersFaultTests}: commits one numbered row per transaction into table
 * {@code event} until its standard input is closed, then prints {@code done <last number>}. Prints {@code ready} after
 * its first commit and {@code error <message>} (exit code 1) on any failure.
 */
public final class RowWriter {

    private RowWriter() {}

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        String writer = args[1];
        AtomicBoolean running = new AtomicBoolean(true);
        Thread stdin = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // keep reading until the parent closes the stream
                }
            } catch (IOException ex) {
                // a broken pipe means the parent is gone: stop as well
            }
            running.set(false);
        });
        stdin.setDaemon(true);
        stdin.start();
        long sequence = 0;
        try (Connection connection = TestDatabases.wal(db).getConnection();
                PreparedStatement insert =
                        connection.prepareStatement("INSERT INTO event (writer, sequence) VALUES (?, ?)")) {
            while (running.get()) {
                insert.setString(1, writer);
                insert.setLong(2, sequence + 1);
                insert.executeUpdate();
                sequence++;
                if (sequence == 1) {
                    System.out.println("ready");
                    System.out.flush();
                }
                // An application commits now and then, not in a tight loop
                LockSupport.parkNanos(200_000);
            }
        } catch (Exception ex) {
            System.out.println("error " + ex);
            System.out.flush();
            System.exit(1);
        }
        System.out.println("done " + sequence);
        System.out.flush();
    }
}
