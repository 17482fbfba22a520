package io.github.migrationguard.strategy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Serialises guarded runs on one database across processes: an exclusive lock on the file {@code <database>}{@value
 * #FILE} beside the database, held from the first look at the database (pending migrations) to the end of the
 * migration or restore. Flyway does not lock a SQLite database, so without it two instances starting together both see
 * the same pending migration, both copy, and one names its copy after a version the other already migrated. Under the
 * lock the second instance finds nothing pending, takes no snapshot and prunes nothing. A database that does not exist
 * yet is locked by its path all the same: otherwise two instances would both restore it ({@code restore.if-missing}),
 * the second over what the first had already migrated. A separate file, never the database: closing a descriptor of
 * the database would drop this process's SQLite locks on it.
 */
final class InstanceLock implements AutoCloseable {

    static final String FILE = ".migration-guard-lock";

    private static final Log logger = LogFactory.getLog(InstanceLock.class);

    /** File locks belong to the process; threads of one process queue here first. */
    private static final Map<Path, ReentrantLock> inProcess = new ConcurrentHashMap<>();

    private final ReentrantLock local;

    private final FileChannel channel;

    private final FileLock lock;

    private InstanceLock(ReentrantLock local, FileChannel channel, FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    static InstanceLock none() {
        return new InstanceLock(null, null, null);
    }

    /**
     * Waits for and takes the lock of a database, which need not exist yet: the lock file is named after its path.
     * @param database the main file of a SQLite database; no lock when {@code null} (not SQLite, or in memory)
     * @return the held lock, to be closed at the end of the run
     */
    static InstanceLock acquire(@Nullable Path database) {
        if (database == null) {
            return none();
        }
        Path file = database.resolveSibling(database.getFileName() + FILE);
        ReentrantLock local = inProcess.computeIfAbsent(file, (path) -> new ReentrantLock());
        local.lock();
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                logger.info("Another instance is migrating " + database + " (it holds " + file
                        + "); waiting for it to finish");
                lock = channel.lock();
            }
            return new InstanceLock(local, channel, lock);
        } catch (IOException ex) {
            local.unlock();
            logger.warn("Could not lock " + file + " (" + ex.getMessage() + "); migrating " + database
                    + " without guarding against other instances starting at the same moment");
            return none();
        }
    }

    @Override
    public void close() {
        if (this.local == null) {
            return;
        }
        try {
            this.lock.release();
            this.channel.close();
        } catch (IOException ex) {
            logger.debug("Could not release " + FILE, ex);
        } finally {
            this.local.unlock();
        }
    }
}
