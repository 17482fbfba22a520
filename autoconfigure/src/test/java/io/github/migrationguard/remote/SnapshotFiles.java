package io.github.migrationguard.remote;

import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.snapshot.SnapshotName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.Random;

/**
 * Real SQLite snapshot files for the remote tests.
 */
final class SnapshotFiles {

    private SnapshotFiles() {}

    /**
     * Writes a SQLite database under a snapshot name.
     * @param dir the directory
     * @param label the label
     * @param time the time in the name
     * @param blobBytes bytes of random (incompressible) data to store, to make it large
     * @return the file
     */
    static Path write(Path dir, SnapshotLabel label, Instant time, int blobBytes) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve(new SnapshotName(label, time, null).fileName());
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE flyway_schema_history (installed_rank INTEGER PRIMARY KEY, version TEXT)");
            statement.execute("INSERT INTO flyway_schema_history VALUES (1, '1')");
            statement.execute("CREATE TABLE data (id INTEGER PRIMARY KEY, payload BLOB)");
            Random random = new Random(time.toEpochMilli());
            // One transaction: one sync for the whole file instead of one per row
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO data (payload) VALUES (?)")) {
                for (int written = 0; written < blobBytes; written += 64 * 1024) {
                    byte[] payload = new byte[64 * 1024];
                    random.nextBytes(payload);
                    insert.setBytes(1, payload);
                    insert.executeUpdate();
                }
            }
            connection.commit();
        }
        return file;
    }
}
