package io.github.migrationguard.restore;

import io.github.migrationguard.snapshot.DatabaseFile;
import io.github.migrationguard.snapshot.Snapshot;
import io.github.migrationguard.snapshot.SnapshotDirectory;
import io.github.migrationguard.snapshot.SnapshotMethod;
import io.github.migrationguard.snapshot.SnapshotName;
import io.github.migrationguard.snapshot.Verification;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Remembers, in the file {@value #FILE} of the backup directory, the last restore after a failed migration:
 * which snapshot was restored, what the database held right after, and how many boots in a row have failed. The next
 * boot reuses that snapshot as its pre-migrate snapshot while the database still holds exactly that, so a crash loop
 * copies nothing and, with pruning left to boots that succeed, deletes nothing. Any other write in between (rows, a
 * restore on request) and the boot takes a fresh snapshot. A boot that migrates (or finds nothing to migrate) ends the
 * loop.
 * <p>
 * "Unchanged" is proven by the database's files as the file system describes them ({@link DatabaseFileState}, two
 * {@code stat} calls), not by reading the database: a boot in a loop must not cost a read of every row when the copy
 * it saves is a clone of milliseconds. Where the file system's clock had not yet moved past the restore's last write
 * when the state was taken, a write in that same tick would not show, so the record holds the digest of every row
 * instead ({@link DatabaseContent}) and the next boot compares that, as before.
 */
final class CrashLoops {

    static final String FILE = ".crash-loop.properties";

    private static final Log logger = LogFactory.getLog(CrashLoops.class);

    private final Clock clock;

    CrashLoops(Clock clock) {
        this.clock = clock;
    }

    /**
     * Returns the loop this boot continues: the previous boot failed and restored the database, whether or not the
     * database changed since.
     * @param directory the backup directory of the database
     * @param database the live database
     * @return the loop so far, or empty when the previous boot did not fail and restore
     */
    Optional<CrashLoop> previous(SnapshotDirectory directory, DatabaseFile database) {
        return read(directory, database).map(Recorded::loop);
    }

    /**
     * Returns the loop whose snapshot this boot may use as its pre-migrate snapshot: the database still holds exactly
     * what the last restore left, and the snapshot is still there.
     * @param dataSource the application's data source
     * @param directory the backup directory of the database
     * @param database the live database
     * @return the loop, or empty when there is none or the snapshot cannot stand for this boot
     */
    Optional<CrashLoop> reusable(DataSource dataSource, SnapshotDirectory directory, DatabaseFile database) {
        Optional<Recorded> recorded = read(directory, database);
        if (recorded.isEmpty()) {
            return Optional.empty();
        }
        CrashLoop loop = recorded.get().loop();
        Path snapshot = loop.snapshot().file();
        if (directory.find(snapshot.getFileName().toString()).isEmpty()) {
            logger.info("Taking a fresh snapshot: " + snapshot + ", restored after the last failed boot, is gone");
            return Optional.empty();
        }
        if (!recorded.get().unchanged(dataSource, database)) {
            logger.info("Taking a fresh snapshot: " + database.path() + " changed since it was restored from "
                    + snapshot + " after the last failed boot");
            return Optional.empty();
        }
        logger.warn("Crash loop: " + loop.failedBoots() + " boot(s) in a row since " + loop.since() + " failed to "
                + "migrate " + database.path() + " and restored it; it is unchanged since, so snapshot " + snapshot
                + " is reused (no copy, nothing pruned). Fix the failing migration (see the previous boot's log)");
        return Optional.of(loop);
    }

    /**
     * Records a restore after a failed migration, once the live database holds the snapshot.
     * @param dataSource the application's data source
     * @param directory the backup directory of the database
     * @param database the live database
     * @param restored the snapshot just restored
     * @param previous the loop this boot continued, if any
     * @return the loop with this boot counted
     */
    CrashLoop recordRestore(
            DataSource dataSource,
            SnapshotDirectory directory,
            DatabaseFile database,
            Snapshot restored,
            Optional<CrashLoop> previous) {
        CrashLoop loop = new CrashLoop(
                previous.map((before) -> before.failedBoots() + 1).orElse(1),
                restored,
                previous.map(CrashLoop::since).orElseGet(() -> Instant.now(this.clock)));
        GuardFile file = file(directory);
        // Written first without a proof: should this boot end before the proof is written, the next one copies
        new Recorded(database.path(), loop, null, null).write(file);
        Optional<Instant> clock = clockBeside(database.path());
        DatabaseFileState state = DatabaseFileState.of(database.path());
        if (clock.isPresent() && state.settledBy(clock.get())) {
            new Recorded(database.path(), loop, state, null).write(file);
        } else {
            new Recorded(database.path(), loop, null, contentOf(dataSource)).write(file);
        }
        return loop;
    }

    /**
     * Ends the loop: this boot migrated, or found nothing to migrate.
     * @param directory the backup directory of the database
     */
    void end(SnapshotDirectory directory) {
        file(directory).delete();
    }

    private static Optional<Recorded> read(SnapshotDirectory directory, DatabaseFile database) {
        if (!database.exists()) {
            return Optional.empty();
        }
        return file(directory).read().map(Recorded::of).filter((recorded) -> recorded.database()
                .equals(database.path()));
    }

    private static Optional<Instant> clockBeside(Path database) {
        try {
            return Optional.of(DatabaseFileState.clockBeside(database));
        } catch (UncheckedIOException ex) {
            // No file can be written beside the database: the row digest proves it unchanged instead
            logger.debug("Could not read the file system's clock beside " + database, ex);
            return Optional.empty();
        }
    }

    private static GuardFile file(SnapshotDirectory directory) {
        return new GuardFile(directory.path(), FILE);
    }

    private static DatabaseContent contentOf(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return DatabaseContent.of(connection);
        } catch (SQLException ex) {
            throw new RestoreException(
                    "Could not read the live database to compare it with the last restore: " + ex.getMessage(), ex);
        }
    }

    /**
     * The content of {@value #FILE}: the loop, and one proof of what the restore left, the files' state or the
     * content's digest (neither when the boot that restored ended before writing one).
     */
    private record Recorded(
            Path database, CrashLoop loop, @Nullable DatabaseFileState state, @Nullable DatabaseContent content) {

        boolean unchanged(DataSource dataSource, DatabaseFile database) {
            if (this.state != null) {
                return this.state.equals(DatabaseFileState.of(database.path()));
            }
            return this.content != null && this.content.equals(contentOf(dataSource));
        }

        static Recorded of(Properties properties) {
            Path file = Path.of(properties.getProperty("snapshot"));
            Snapshot snapshot = new Snapshot(
                    file,
                    SnapshotName.parse(file.getFileName().toString()).orElseThrow(),
                    Long.parseLong(properties.getProperty("snapshot-size")),
                    SnapshotMethod.valueOf(properties.getProperty("snapshot-method")),
                    Boolean.parseBoolean(properties.getProperty("snapshot-cloned")),
                    Verification.valueOf(properties.getProperty("snapshot-verification")),
                    Duration.ZERO,
                    Duration.ZERO);
            CrashLoop loop = new CrashLoop(
                    Integer.parseInt(properties.getProperty("failed-boots")),
                    snapshot,
                    Instant.parse(properties.getProperty("since")));
            DatabaseFileState state =
                    DatabaseFileState.parse(properties.getProperty("files")).orElse(null);
            DatabaseContent content = (properties.getProperty("digest") != null)
                    ? new DatabaseContent(
                            Long.parseLong(properties.getProperty("page-count")), properties.getProperty("digest"))
                    : null;
            return new Recorded(Path.of(properties.getProperty("database")), loop, state, content);
        }

        void write(GuardFile file) {
            Properties properties = new Properties();
            Snapshot snapshot = this.loop.snapshot();
            properties.setProperty("database", this.database.toString());
            properties.setProperty("snapshot", snapshot.file().toString());
            properties.setProperty("snapshot-size", String.valueOf(snapshot.sizeBytes()));
            properties.setProperty("snapshot-method", snapshot.method().name());
            properties.setProperty("snapshot-cloned", String.valueOf(snapshot.cloned()));
            properties.setProperty(
                    "snapshot-verification", snapshot.verification().name());
            properties.setProperty("failed-boots", String.valueOf(this.loop.failedBoots()));
            properties.setProperty("since", this.loop.since().toString());
            if (this.state != null) {
                properties.setProperty("files", this.state.text());
            }
            if (this.content != null) {
                properties.setProperty("page-count", String.valueOf(this.content.pageCount()));
                properties.setProperty("digest", this.content.digest());
            }
            file.write(properties);
        }
    }
}
