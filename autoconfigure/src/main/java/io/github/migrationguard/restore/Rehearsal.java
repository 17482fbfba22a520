package io.github.migrationguard.restore;

import io.github.migrationguard.snapshot.DatabaseFile;
import io.github.migrationguard.snapshot.Snapshot;
import io.github.migrationguard.snapshot.SnapshotDirectory;
import io.github.migrationguard.snapshot.SnapshotException;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.snapshot.SnapshotSettings;
import io.github.migrationguard.snapshot.SnapshotWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * Step 4 of a guarded run, opt-in: copies the live database with the snapshot engine into a hidden working directory
 * beside the snapshots, runs the pending migrations against the copy with the same Flyway configuration, and always
 * removes the copy. A failure stops startup before the live database is touched.
 */
final class Rehearsal {

    private static final Log logger = LogFactory.getLog(Rehearsal.class);

    private static final String WORK_DIR_PREFIX = ".rehearsal-";

    private final Clock clock;

    Rehearsal(Clock clock) {
        this.clock = clock;
    }

    /**
     * Runs the pending migrations against a throwaway copy of the live database.
     * @param flyway the application's Flyway, whose configuration the rehearsal reuses
     * @param database where the live database is
     * @param snapshotSettings how copies are taken and where snapshots go
     * @throws RehearsalException when the migrations fail on the copy, or the copy cannot be made
     */
    void rehearse(Flyway flyway, DatabaseFile database, SnapshotSettings snapshotSettings) {
        rehearse(flyway, database, snapshotSettings, Flyway::migrate);
    }

    /**
     * Runs the given migrate step (the application's own strategy, say) against a throwaway copy of the live database.
     * @param flyway the application's Flyway, whose configuration the rehearsal reuses
     * @param database where the live database is
     * @param snapshotSettings how copies are taken and where snapshots go
     * @param migrateStep what migrates, given a Flyway configured like the application's but on the copy
     * @throws RehearsalException when the migrations fail on the copy, or the copy cannot be made
     */
    void rehearse(
            Flyway flyway, DatabaseFile database, SnapshotSettings snapshotSettings, Consumer<Flyway> migrateStep) {
        if (!database.exists()) {
            logger.info("No rehearsal: " + database.skipReason());
            return;
        }
        SnapshotDirectory snapshots = snapshotSettings.directoryFor(database.path());
        removeLeftovers(snapshots.path());
        Path workDir = createWorkDir(snapshots.path());
        try {
            Path copy = copy(flyway.getConfiguration().getDataSource(), database, snapshotSettings, workDir);
            migrateCopy(flyway.getConfiguration(), copy, migrateStep);
        } finally {
            deleteRecursively(workDir);
        }
    }

    private Path copy(DataSource dataSource, DatabaseFile database, SnapshotSettings settings, Path workDir) {
        SnapshotSettings copySettings = new SnapshotSettings(
                workDir,
                settings.method(),
                settings.verification(),
                settings.minFreeSpaceBytes(),
                settings.historyTable());
        try {
            Snapshot snapshot = new SnapshotWriter(dataSource, database, copySettings, this.clock)
                    .write(SnapshotLabel.PRE_MIGRATE, "rehearsal");
            return snapshot.file();
        } catch (SnapshotException ex) {
            throw new RehearsalException(
                    "Could not copy " + database.path() + " for the rehearsal: "
                            + ex.getMessage() + "; the live database was not touched. Free space for a copy, or set "
                            + "migration-guard.rehearse.enabled=false",
                    ex);
        }
    }

    private static void migrateCopy(Configuration configuration, Path copy, Consumer<Flyway> migrateStep) {
        logger.info("Rehearsing the pending migrations on a throwaway copy " + copy);
        Flyway rehearsal = Flyway.configure(configuration.getClassLoader())
                .configuration(configuration)
                .dataSource(new SnapshotFileDataSource(copy))
                .load();
        try {
            migrateStep.accept(rehearsal);
        } catch (RuntimeException ex) {
            throw new RehearsalException(
                    "Rehearsal failed: the pending migrations fail on a copy of the database ("
                            + ex.getMessage()
                            + "). Startup stopped; the live database was not touched. Fix the migration, "
                            + "or set migration-guard.rehearse.enabled=false to let restore.on-failure handle it",
                    ex);
        }
        logger.info("Rehearsal passed: the pending migrations apply cleanly to a copy of the database");
    }

    private static Path createWorkDir(Path snapshotDir) {
        try {
            Files.createDirectories(snapshotDir);
            return Files.createTempDirectory(snapshotDir, WORK_DIR_PREFIX);
        } catch (IOException ex) {
            throw new RehearsalException(
                    "Could not create a working directory for the rehearsal in " + snapshotDir + ": " + ex.getMessage()
                            + "; the live database was not touched",
                    ex);
        }
    }

    private static void removeLeftovers(Path snapshotDir) {
        if (!Files.isDirectory(snapshotDir)) {
            return;
        }
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(snapshotDir, WORK_DIR_PREFIX + "*")) {
            for (Path leftover : leftovers) {
                logger.info("Removing " + leftover + ", left by a rehearsal that never finished");
                deleteRecursively(leftover);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not list " + snapshotDir, ex);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ex) {
            logger.warn("Could not remove rehearsal copy " + dir + " (" + ex.getMessage() + "); delete it by hand");
        }
    }
}
