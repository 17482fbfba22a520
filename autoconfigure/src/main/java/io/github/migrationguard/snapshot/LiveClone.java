package io.github.migrationguard.snapshot;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Clones the live database copy-on-write under SQLite's write lock while the application runs, waiting a short,
 * bounded time ({@link #WAIT}) for a moment between the writers' transactions.
 *
 * <p>"Empty the WAL, then take the lock" never succeeds under a writer that commits back to back: it appends to the
 * WAL between the two, every time. So the order is the other way round: take the write lock first (polling for a
 * gap between two of the writers' transactions), then run a {@code PASSIVE} checkpoint from a second connection, which
 * needs no write lock. When that checkpoint has copied every frame of the WAL into the database file, the file alone
 * holds every committed transaction, and nothing can be appended to the WAL or checkpointed into the file while the
 * lock is held: the file is cloned then, and the lock released. A first checkpoint, before the lock is polled for,
 * copies the frames committed so far while writers go on, so writers wait only for the checkpoint of the few frames
 * committed since then and for the clone, milliseconds; readers never wait. When a reader keeps an older
 * snapshot (so the checkpoint cannot finish) the lock is released at once and taken again, until the bound.
 */
final class LiveClone {

    /** Longest the snapshot polls for the write lock and a complete checkpoint before it uses the backup API. */
    static final Duration WAIT = Duration.ofMillis(500);

    private static final long RETRY_PAUSE_NANOS = 1_000_000L;

    /**
     * Tries to clone the database within {@link #WAIT}.
     * @param locker a connection of the snapshot's own, in auto-commit mode, that takes the write lock
     * @param checkpointer another connection of the snapshot's own to the same database, for this attempt only: its
     * busy timeout is set to 0
     * @param source the database file
     * @param target the clone to create; it exists only when the result is {@link Result#CLONED}
     * @return what happened
     * @throws SQLException on a database error other than a busy lock
     * @throws IOException when a failed clone left a file that cannot be deleted
     */
    Result tryClone(Connection locker, Connection checkpointer, DatabaseFile source, Path target)
            throws SQLException, IOException {
        try (Statement lock = locker.createStatement();
                Statement checkpoint = checkpointer.createStatement()) {
            int busyTimeout = LockedFileCopy.busyTimeout(lock);
            // Polled here rather than by SQLite's busy handler, which sleeps up to 100 ms and misses short gaps, and
            // would wait its whole timeout for a database another connection holds exclusively
            lock.execute("PRAGMA busy_timeout = 0");
            checkpoint.execute("PRAGMA busy_timeout = 0");
            try {
                // Most frames reach the file now, while writers go on, so few are left for the checkpoint they wait
                // for; refused as busy, it is left to the checkpoint under the lock
                checkpoint(checkpoint);
                long deadline = System.nanoTime() + WAIT.toNanos();
                do {
                    if (tryLock(lock)) {
                        try {
                            if (checkpointedCompletely(checkpoint, deadline)) {
                                return (FileClone.tryClone(source.path(), target) == null)
                                        ? Result.CLONED
                                        : Result.NOT_CLONED;
                            }
                        } finally {
                            lock.execute("ROLLBACK");
                        }
                    }
                    LockSupport.parkNanos(RETRY_PAUSE_NANOS);
                } while (System.nanoTime() < deadline);
                return Result.BUSY;
            } finally {
                lock.execute("PRAGMA busy_timeout = " + busyTimeout);
            }
        }
    }

    private static boolean tryLock(Statement lock) throws SQLException {
        try {
            lock.execute("BEGIN IMMEDIATE");
            return true;
        } catch (SQLException ex) {
            if (LockedFileCopy.isBusy(ex)) {
                return false;
            }
            throw ex;
        }
    }

    /**
     * Checkpoints without the write lock (held by the other connection) and tells whether every frame of the WAL is
     * in the database file now. A database in rollback-journal mode has no WAL: its file is complete under the lock.
     * While another connection's checkpoint runs (a writer's automatic one, right after its commit) this one is
     * refused as busy: it is tried again, keeping the write lock, since that checkpoint ends in milliseconds and no
     * frame can be added meanwhile. Frames left behind a reader end the attempt: a reader may stay for long.
     */
    private static boolean checkpointedCompletely(Statement checkpoint, long deadline) throws SQLException {
        while (true) {
            Checkpoint result = checkpoint(checkpoint);
            if (result != Checkpoint.BUSY) {
                return result == Checkpoint.COMPLETE;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            LockSupport.parkNanos(RETRY_PAUSE_NANOS);
        }
    }

    private static Checkpoint checkpoint(Statement checkpoint) throws SQLException {
        try (ResultSet row = checkpoint.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            // busy (another checkpoint ran), frames in the WAL, frames in the file (both -1 without a WAL)
            if (!row.next()) {
                return Checkpoint.INCOMPLETE;
            }
            if (row.getInt(1) != 0) {
                return Checkpoint.BUSY;
            }
            return (row.getLong(2) == row.getLong(3)) ? Checkpoint.COMPLETE : Checkpoint.INCOMPLETE;
        } catch (SQLException ex) {
            // The connection could not even read the database: another connection holds it (or recovers its WAL)
            if (LockedFileCopy.isBusy(ex)) {
                return Checkpoint.BUSY;
            }
            throw ex;
        }
    }

    private enum Checkpoint {
        COMPLETE,
        INCOMPLETE,
        BUSY
    }

    /**
     * What came of the attempt.
     */
    enum Result {
        /** The file was cloned. */
        CLONED,
        /** The file system cannot clone it; nothing was copied. */
        NOT_CLONED,
        /** The write lock with a complete checkpoint could not be had within {@link #WAIT}; nothing was copied. */
        BUSY
    }
}
