package io.github.migrationguard.snapshot;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.LockSupport;

/**
 * Copies a live database to a new file with the configured {@link SnapshotMethod}, through one connection.
 */
final class DatabaseCopier {

    private static final int FILE_COPY_ATTEMPTS = 20;

    private static final long FILE_COPY_BACKOFF_NANOS = 50_000_000L;

    private final LockedFileCopy fileCopy = new LockedFileCopy();

    private final LiveClone liveClone = new LiveClone();

    private final OnlineBackup onlineBackup = new OnlineBackup();

    private final VacuumInto vacuumInto = new VacuumInto();

    /**
     * Copies the database.
     * @param connections where the one connection used comes from; it is closed (or returned) afterwards
     * @param source the database file
     * @param target the file to create; must not exist
     * @param method the method to use
     * @param live whether the application is running (the connections are then the snapshot's own): then
     * {@link SnapshotMethod#AUTO} never holds the write lock longer than a clone takes, and waits at most
     * {@link LiveClone#WAIT} for it
     * @return the method that was actually used ({@link SnapshotMethod#AUTO} resolves to another) and whether the file
     * was cloned
     * @throws SQLException on a database error
     * @throws IOException when copying fails
     */
    Copied copy(ConnectionSource connections, DatabaseFile source, Path target, SnapshotMethod method, boolean live)
            throws SQLException, IOException {
        try (Connection connection = connections.open()) {
            boolean autoCommit = connection.getAutoCommit();
            // Copy methods manage their own transactions (VACUUM INTO refuses to run inside one)
            connection.setAutoCommit(true);
            try {
                return copy(connections, connection, source, target, method, live);
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private Copied copy(
            ConnectionSource connections,
            Connection connection,
            DatabaseFile source,
            Path target,
            SnapshotMethod method,
            boolean live)
            throws SQLException, IOException {
        return switch (method) {
            case FILE_COPY -> copyFile(connection, source, target);
            case BACKUP_API -> backup(connection, target, live);
            case VACUUM_INTO -> vacuum(connection, target);
            case AUTO -> live
                    ? cloneOrBackup(connections, connection, source, target)
                    : fileCopyOrBackup(connection, source, target);
        };
    }

    private Copied fileCopyOrBackup(Connection connection, DatabaseFile source, Path target)
            throws SQLException, IOException {
        LockedFileCopy.Result result = this.fileCopy.tryCopy(connection, source, target, false);
        return result.copied() ? fileCopy(result) : backup(connection, target, false);
    }

    private Copied cloneOrBackup(ConnectionSource connections, Connection connection, DatabaseFile source, Path target)
            throws SQLException, IOException {
        if (FileClone.knownUnsupported(target.toAbsolutePath().getParent()) != null) {
            return backup(connection, target, true);
        }
        LiveClone.Result result;
        try (Connection checkpointer = connections.open()) {
            result = this.liveClone.tryClone(connection, checkpointer, source, target);
        }
        return (result == LiveClone.Result.CLONED)
                ? new Copied(SnapshotMethod.FILE_COPY, true)
                : backup(connection, target, true);
    }

    private Copied copyFile(Connection connection, DatabaseFile source, Path target) throws SQLException, IOException {
        for (int attempt = 1; attempt <= FILE_COPY_ATTEMPTS; attempt++) {
            LockedFileCopy.Result result = this.fileCopy.tryCopy(connection, source, target, true);
            if (result.copied()) {
                return fileCopy(result);
            }
            LockSupport.parkNanos(FILE_COPY_BACKOFF_NANOS);
        }
        throw new SnapshotException("Could not hold the write lock of " + source.path() + " with an empty WAL after "
                + FILE_COPY_ATTEMPTS + " attempts (busy writers or long readers); set "
                + "migration-guard.snapshot.method to auto or backup-api to copy without waiting for that");
    }

    private static Copied fileCopy(LockedFileCopy.Result result) {
        return new Copied(SnapshotMethod.FILE_COPY, result == LockedFileCopy.Result.CLONED);
    }

    /**
     * Copies through the online backup API: in one step at startup, where the application waits for the copy and
     * nothing else writes; paced while the application runs, where the copy should cost its writers little.
     */
    private Copied backup(Connection connection, Path target, boolean live) throws SQLException, IOException {
        if (live) {
            this.onlineBackup.copyPaced(connection, target);
        } else {
            this.onlineBackup.copy(connection, target);
        }
        return new Copied(SnapshotMethod.BACKUP_API, false);
    }

    private Copied vacuum(Connection connection, Path target) throws SQLException {
        this.vacuumInto.copy(connection, target);
        return new Copied(SnapshotMethod.VACUUM_INTO, false);
    }

    /**
     * Where the copy's connection comes from: the application's pool at startup, a direct connection of its own
     * while the application runs.
     */
    @FunctionalInterface
    interface ConnectionSource {

        Connection open() throws SQLException;
    }

    /**
     * How a copy was made.
     *
     * @param method the method used
     * @param cloned whether the file was cloned copy-on-write rather than copied
     */
    record Copied(SnapshotMethod method, boolean cloned) {}
}
