package io.github.migrationguard.snapshot;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * Copies a live database to a new file with the configured {@link SnapshotMethod}, through one pooled connection.
 */
final class DatabaseCopier {

    private static final int FILE_COPY_ATTEMPTS = 20;

    private static final long FILE_COPY_BACKOFF_NANOS = 50_000_000L;

    private final LockedFileCopy fileCopy = new LockedFileCopy();

    private final OnlineBackup onlineBackup = new OnlineBackup();

    private final VacuumInto vacuumInto = new VacuumInto();

    /**
     * Copies the database.
     * @param dataSource the application's data source; one connection is borrowed and returned
     * @param source the database file
     * @param target the file to create; must not exist
     * @param method the method to use
     * @return the method that was actually used ({@link SnapshotMethod#AUTO} resolves to another)
     * @throws SQLException on a database error
     * @throws IOException when copying fails
     */
    SnapshotMethod copy(DataSource dataSource, DatabaseFile source, Path target, SnapshotMethod method)
            throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            // Copy methods manage their own transactions (VACUUM INTO refuses to run inside one)
            connection.setAutoCommit(true);
            try {
                return copy(connection, source, target, method);
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private SnapshotMethod copy(Connection connection, DatabaseFile source, Path target, SnapshotMethod method)
            throws SQLException, IOException {
        return switch (method) {
            case FILE_COPY -> copyFile(connection, source, target);
            case BACKUP_API -> backup(connection, target);
            case VACUUM_INTO -> vacuum(connection, target);
            case AUTO -> this.fileCopy.tryCopy(connection, source, target, false)
                    ? SnapshotMethod.FILE_COPY
                    : backup(connection, target);
        };
    }

    private SnapshotMethod copyFile(Connection connection, DatabaseFile source, Path target)
            throws SQLException, IOException {
        for (int attempt = 1; attempt <= FILE_COPY_ATTEMPTS; attempt++) {
            if (this.fileCopy.tryCopy(connection, source, target, true)) {
                return SnapshotMethod.FILE_COPY;
            }
            LockSupport.parkNanos(FILE_COPY_BACKOFF_NANOS);
        }
        throw new SnapshotException("Could not hold the write lock of " + source.path() + " with an empty WAL after "
                + FILE_COPY_ATTEMPTS + " attempts (busy writers or long readers); set "
                + "migration-guard.snapshot.method to auto or backup-api to copy without waiting for that");
    }

    private SnapshotMethod backup(Connection connection, Path target) throws SQLException {
        this.onlineBackup.copy(connection, target);
        return SnapshotMethod.BACKUP_API;
    }

    private SnapshotMethod vacuum(Connection connection, Path target) throws SQLException {
        this.vacuumInto.copy(connection, target);
        return SnapshotMethod.VACUUM_INTO;
    }
}
