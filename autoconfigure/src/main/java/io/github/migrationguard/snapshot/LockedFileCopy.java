package io.github.migrationguard.snapshot;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteErrorCode;

/**
 * Copies the database file while holding SQLite's write lock with an empty WAL: nothing can change the file during the
 * copy, and the file alone holds every committed transaction. The copy is a copy-on-write clone where the file system
 * can make one (milliseconds under the lock whatever the size), else a byte-for-byte copy through the kernel.
 */
final class LockedFileCopy {

    /**
     * Tries once to copy the database file.
     * @param connection a connection to the database, in auto-commit mode
     * @param source the database file
     * @param target the file to create
     * @param wait whether to wait (up to the connection's busy timeout) for readers and writers that keep the WAL
     * busy or hold the write lock; without waiting, such a database is left alone at once
     * @return what happened; nothing was copied when {@link Result#BUSY}
     * @throws SQLException on a database error
     * @throws IOException when copying fails
     */
    Result tryCopy(Connection connection, DatabaseFile source, Path target, boolean wait)
            throws SQLException, IOException {
        try (Statement statement = connection.createStatement()) {
            int busyTimeout = busyTimeout(statement);
            if (!wait) {
                statement.execute("PRAGMA busy_timeout = 0");
            }
            try {
                return copyUnderLock(statement, source, target);
            } catch (SQLException ex) {
                if (!wait && isBusy(ex)) {
                    return Result.BUSY;
                }
                throw ex;
            } finally {
                statement.execute("PRAGMA busy_timeout = " + busyTimeout);
            }
        }
    }

    private static Result copyUnderLock(Statement statement, DatabaseFile source, Path target)
            throws SQLException, IOException {
        // A checkpoint cannot run inside a transaction, so empty the WAL first, then lock and check it stayed so
        statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        statement.execute("BEGIN IMMEDIATE");
        try {
            if (!isEmpty(source.walPath())) {
                return Result.BUSY;
            }
            if (FileClone.tryClone(source.path(), target) == null) {
                return Result.CLONED;
            }
            transfer(source.path(), target);
            return Result.COPIED;
        } finally {
            statement.execute("ROLLBACK");
        }
    }

    static int busyTimeout(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("PRAGMA busy_timeout")) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }

    static boolean isBusy(SQLException ex) {
        int code = ex.getErrorCode() & 0xff;
        return code == SQLiteErrorCode.SQLITE_BUSY.code || code == SQLiteErrorCode.SQLITE_LOCKED.code;
    }

    private static boolean isEmpty(Path wal) throws IOException {
        return !Files.exists(wal) || Files.size(wal) == 0;
    }

    private static void transfer(Path source, Path target) throws IOException {
        // Never close the source's descriptor: that would drop this process's SQLite locks on the live file
        FileChannel in = HeldReadChannels.of(source);
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long size = in.size();
            long position = 0;
            while (position < size) {
                position += in.transferTo(position, size - position, out);
            }
        }
    }

    /**
     * What came of one attempt.
     */
    enum Result {
        /** The write lock or an empty WAL could not be had. */
        BUSY,
        /** The file was cloned. */
        CLONED,
        /** The file was copied byte for byte. */
        COPIED;

        boolean copied() {
            return this == CLONED || this == COPIED;
        }
    }
}
