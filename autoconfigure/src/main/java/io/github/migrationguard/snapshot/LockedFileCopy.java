package io.github.migrationguard.snapshot;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Copies the database file byte for byte while holding SQLite's write lock with an empty WAL: nothing can change the
 * file during the copy, and the file alone holds every committed transaction.
 */
final class LockedFileCopy {

    /**
     * Tries once to copy the database file.
     * @param connection a connection to the database, in auto-commit mode
     * @param source the database file
     * @param target the file to create
     * @return {@code false} when the write lock and an empty WAL could not be had at once; nothing was copied
     * @throws SQLException on a database error
     * @throws IOException when copying fails
     */
    boolean tryCopy(Connection connection, DatabaseFile source, Path target) throws SQLException, IOException {
        try (Statement statement = connection.createStatement()) {
            // A checkpoint cannot run inside a transaction, so empty the WAL first, then lock and check it stayed so
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            statement.execute("BEGIN IMMEDIATE");
            try {
                if (!isEmpty(source.walPath())) {
                    return false;
                }
                transfer(source.path(), target);
                return true;
            } finally {
                statement.execute("ROLLBACK");
            }
        }
    }

    private static boolean isEmpty(Path wal) throws IOException {
        return !Files.exists(wal) || Files.size(wal) == 0;
    }

    private static void transfer(Path source, Path target) throws IOException {
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long size = in.size();
            long position = 0;
            while (position < size) {
                position += in.transferTo(position, size - position, out);
            }
        }
    }
}
