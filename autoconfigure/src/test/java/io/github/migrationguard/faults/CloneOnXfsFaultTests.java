package io.github.migrationguard.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationguard.snapshot.DatabaseFile;
import io.github.migrationguard.snapshot.Snapshot;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.snapshot.SnapshotMethod;
import io.github.migrationguard.snapshot.SnapshotSettings;
import io.github.migrationguard.snapshot.SnapshotWriter;
import io.github.migrationguard.snapshot.Verification;
import io.github.migrationguard.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.sqlite.SQLiteDataSource;

/**
 * Snapshots on a real XFS file system with reflink (loop-mounted image; needs root, skipped with the reason
 * elsewhere): {@code file-copy} and a live {@code auto} clone the database file copy-on-write, which costs almost no
 * space, and the clone is verified like any copy. A live {@code auto} clones even under a writer that never pauses,
 * which only waits for the clone; where the file system cannot clone, it uses the backup API.
 */
class CloneOnXfsFaultTests {

    private static final long DATABASE_BYTES = 64L * 1024 * 1024;

    @TempDir
    Path temp;

    private final Mounts mounts = new Mounts();

    private Path xfs;

    private Path db;

    @BeforeEach
    void databaseOnXfs() throws Exception {
        this.xfs = this.mounts.xfs(this.temp.resolve("xfs"), this.temp.resolve("xfs.img"), 512L * 1024 * 1024);
        this.db = this.xfs.resolve("app.db");
        JdbcTemplate jdbc = new JdbcTemplate(TestDatabases.wal(this.db));
        jdbc.execute("CREATE TABLE blob (id INTEGER PRIMARY KEY, body BLOB NOT NULL)");
        jdbc.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
                + DATABASE_BYTES / 1_100 + ") INSERT INTO blob(body) SELECT randomblob(1000) FROM n");
        jdbc.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }

    @AfterEach
    void unmount() throws Exception {
        this.mounts.close();
    }

    @Test
    void fileCopyClonesTheDatabaseAndTakesAlmostNoSpace() throws Exception {
        long usedBefore = Mounts.used(this.xfs);
        Snapshot snapshot = startupWriter(SnapshotMethod.FILE_COPY, null).write(SnapshotLabel.PRE_MIGRATE, "v1-to-v2");
        assertThat(snapshot.method()).isEqualTo(SnapshotMethod.FILE_COPY);
        assertThat(snapshot.cloned()).isTrue();
        assertThat(snapshot.sizeBytes()).isGreaterThan(DATABASE_BYTES / 2);
        // The verifier rewrites the header (journal mode) and so unshares a few blocks; the rest stays shared
        assertThat(Mounts.used(this.xfs) - usedBefore).isLessThan(snapshot.sizeBytes() / 10);
        assertThat(TestDatabases.integrityCheck(snapshot.file())).containsExactly("ok");
        assertThat(TestDatabases.dump(snapshot.file())).isEqualTo(TestDatabases.dump(this.db));
    }

    @Test
    void autoWhileTheApplicationRunsClonesUnderTheWriteLock() {
        SQLiteDataSource dataSource = TestDatabases.wal(this.db);
        Snapshot snapshot = SnapshotWriter.whileRunning(
                        DatabaseFile.locate(dataSource), settings(SnapshotMethod.AUTO, null), Clock.systemUTC())
                .write(SnapshotLabel.SCHEDULED, null);
        assertThat(snapshot.method()).isEqualTo(SnapshotMethod.FILE_COPY);
        assertThat(snapshot.cloned()).isTrue();
        assertThat(TestDatabases.integrityCheck(snapshot.file())).containsExactly("ok");
    }

    @Test
    void autoWhileTheApplicationRunsClonesUnderAWriterThatNeverPauses() throws Exception {
        long rowsBefore = rows(this.db);
        BackToBackWriter writer = BackToBackWriter.start(this.db);
        long commitsBefore = writer.commits();
        Snapshot snapshot;
        try {
            snapshot = liveWriter(null).write(SnapshotLabel.SCHEDULED, null);
        } finally {
            writer.close();
        }
        assertThat(writer.errors()).isEmpty();
        assertThat(writer.commits()).as("commits while the snapshot was taken").isGreaterThan(commitsBefore);
        assertThat(snapshot.method()).isEqualTo(SnapshotMethod.FILE_COPY);
        assertThat(snapshot.cloned()).isTrue();
        assertThat(TestDatabases.integrityCheck(snapshot.file())).containsExactly("ok");
        assertThat(rows(snapshot.file())).isBetween(rowsBefore + 100, rows(this.db));
    }

    @Test
    void autoWhileTheApplicationRunsUsesTheBackupApiWhereItCannotClone() throws Exception {
        BackToBackWriter writer = BackToBackWriter.start(this.db);
        Snapshot snapshot;
        try {
            snapshot = liveWriter(this.temp.resolve("backups-on-another-file-system"))
                    .write(SnapshotLabel.SCHEDULED, null);
        } finally {
            writer.close();
        }
        assertThat(writer.errors()).isEmpty();
        assertThat(snapshot.method()).isEqualTo(SnapshotMethod.BACKUP_API);
        assertThat(snapshot.cloned()).isFalse();
        assertThat(TestDatabases.integrityCheck(snapshot.file())).containsExactly("ok");
    }

    @Test
    void autoWhileTheApplicationRunsUsesTheBackupApiWhenAReaderKeepsTheCheckpointFromFinishing() throws Exception {
        try (Connection reader = TestDatabases.open(this.db);
                Statement read = reader.createStatement()) {
            reader.setAutoCommit(false);
            // The reader's snapshot predates the next commit: those frames cannot go into the file while it reads
            read.executeQuery("SELECT count(*) FROM blob").close();
            new JdbcTemplate(TestDatabases.wal(this.db)).update("INSERT INTO blob(body) VALUES (randomblob(100))");
            Snapshot snapshot = liveWriter(null).write(SnapshotLabel.SCHEDULED, null);
            assertThat(snapshot.method()).isEqualTo(SnapshotMethod.BACKUP_API);
            assertThat(snapshot.cloned()).isFalse();
            assertThat(TestDatabases.dump(snapshot.file())).isEqualTo(TestDatabases.dump(this.db));
        }
    }

    @Test
    void fileCopyToAnotherFileSystemCopiesAndSaysSo() {
        Path elsewhere = this.temp.resolve("backups-on-another-file-system");
        Snapshot snapshot =
                startupWriter(SnapshotMethod.FILE_COPY, elsewhere).write(SnapshotLabel.PRE_MIGRATE, "v1-to-v2");
        assertThat(snapshot.method()).isEqualTo(SnapshotMethod.FILE_COPY);
        assertThat(snapshot.cloned()).isFalse();
        assertThat(TestDatabases.integrityCheck(snapshot.file())).containsExactly("ok");
    }

    private SnapshotWriter liveWriter(Path dir) {
        return SnapshotWriter.whileRunning(
                DatabaseFile.locate(TestDatabases.wal(this.db)), settings(SnapshotMethod.AUTO, dir), Clock.systemUTC());
    }

    private static long rows(Path file) {
        return new JdbcTemplate(TestDatabases.wal(file)).queryForObject("SELECT count(*) FROM blob", Long.class);
    }

    private SnapshotWriter startupWriter(SnapshotMethod method, Path dir) {
        SQLiteDataSource dataSource = TestDatabases.wal(this.db);
        return new SnapshotWriter(
                dataSource, DatabaseFile.locate(dataSource), settings(method, dir), Clock.systemUTC());
    }

    private static SnapshotSettings settings(SnapshotMethod method, Path dir) {
        return new SnapshotSettings(dir, method, Verification.QUICK, 0, null);
    }
}
