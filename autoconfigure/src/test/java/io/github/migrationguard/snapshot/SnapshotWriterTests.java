package io.github.migrationguard.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.migrationguard.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sqlite.SQLiteDataSource;

class SnapshotWriterTests {

    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(SnapshotMethod.class)
    void snapshotHoldsEveryCommittedRowIncludingThoseStillInTheWal(SnapshotMethod method) throws Exception {
        Path db = this.temp.resolve("app.db");
        SQLiteDataSource dataSource = TestDatabases.wal(db);
        try (Connection holder = dataSource.getConnection();
                Statement statement = holder.createStatement()) {
            // An open connection with autocheckpoint off keeps the last transactions in the -wal file
            statement.execute("PRAGMA wal_autocheckpoint=0");
            TestDatabases.fill(dataSource, 2_000);
            statement.execute("INSERT INTO item(name) VALUES ('only-in-wal')");
            assertThat(Files.size(db.resolveSibling("app.db-wal"))).isPositive();
            Snapshot snapshot = writer(dataSource, db, method).write(SnapshotLabel.PRE_MIGRATE, "v1-to-v2");
            assertThat(TestDatabases.dump(snapshot.file())).isEqualTo(TestDatabases.dump(db));
            assertThat(TestDatabases.dump(snapshot.file())).anyMatch((line) -> line.contains("only-in-wal"));
            assertThat(snapshot.file().getFileName().toString())
                    .startsWith("pre-migrate-")
                    .endsWith("-v1-to-v2.db");
        }
    }

    @ParameterizedTest
    @EnumSource(SnapshotMethod.class)
    void snapshotIsOneStandaloneFileWithoutSideFiles(SnapshotMethod method) throws Exception {
        Path db = this.temp.resolve("app.db");
        SQLiteDataSource dataSource = TestDatabases.wal(db);
        TestDatabases.fill(dataSource, 100);
        Snapshot snapshot = writer(dataSource, db, method).write(SnapshotLabel.MANUAL, "before import");
        try (Stream<Path> files = Files.list(snapshot.file().getParent())) {
            assertThat(files.map((file) -> file.getFileName().toString()))
                    .containsExactly(snapshot.file().getFileName().toString());
        }
        assertThat(snapshot.file().getFileName().toString()).endsWith("-before-import.db");
    }

    @ParameterizedTest
    @EnumSource(SnapshotMethod.class)
    void writerCommittingDuringSnapshotSeesNoErrorAndSnapshotIsSound(SnapshotMethod method) throws Exception {
        Path db = this.temp.resolve("app.db");
        SQLiteDataSource dataSource = TestDatabases.wal(db);
        TestDatabases.fill(dataSource, 20_000);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger committed = new AtomicInteger();
        AtomicReference<Throwable> writerError = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement()) {
                while (running.get() || committed.get() < 20) {
                    statement.execute("INSERT INTO item(name) VALUES ('concurrent')");
                    committed.incrementAndGet();
                }
            } catch (Throwable ex) {
                writerError.set(ex);
            }
        });
        writer.start();
        Snapshot snapshot;
        try {
            snapshot = writer(dataSource, db, method).write(SnapshotLabel.PRE_MIGRATE, null);
        } finally {
            running.set(false);
            writer.join();
        }
        assertThat(writerError.get()).isNull();
        assertThat(TestDatabases.integrityCheck(snapshot.file())).containsExactly("ok");
        assertThat(TestDatabases.integrityCheck(db)).containsExactly("ok");
    }

    @Test
    @Timeout(20)
    void autoFallsBackToBackupApiAtOnceWhenAReaderKeepsTheWalBusy() throws Exception {
        Path db = this.temp.resolve("app.db");
        // Long enough that waiting for the reader would trip the timeout above
        SQLiteDataSource dataSource = TestDatabases.wal(db, 60_000);
        TestDatabases.fill(dataSource, 1_000);
        try (Connection reader = dataSource.getConnection();
                Statement readerStatement = reader.createStatement();
                Connection writer = dataSource.getConnection();
                Statement writerStatement = writer.createStatement()) {
            writerStatement.execute("PRAGMA wal_autocheckpoint=0");
            writerStatement.execute("INSERT INTO item(name) VALUES ('before-reader')");
            reader.setAutoCommit(false);
            try (var rows = readerStatement.executeQuery("SELECT count(*) FROM item")) {
                rows.next();
            }
            writerStatement.execute("INSERT INTO item(name) VALUES ('after-reader')");
            Snapshot snapshot = writer(dataSource, db, SnapshotMethod.AUTO).write(SnapshotLabel.SCHEDULED, null);
            assertThat(snapshot.method()).isEqualTo(SnapshotMethod.BACKUP_API);
            assertThat(TestDatabases.dump(snapshot.file())).anyMatch((line) -> line.contains("after-reader"));
            reader.rollback();
        }
    }

    @Test
    void pathWithQuoteSpaceAndNonAsciiWorks() throws Exception {
        Path dir = Files.createDirectories(this.temp.resolve("it's my dïr"));
        Path db = dir.resolve("dätä base.db");
        SQLiteDataSource dataSource = TestDatabases.wal(db);
        TestDatabases.fill(dataSource, 10);
        for (SnapshotMethod method : SnapshotMethod.values()) {
            Snapshot snapshot = writer(dataSource, db, method).write(SnapshotLabel.MANUAL, method.name());
            assertThat(snapshot.file()).startsWith(dir.resolve("backups"));
            assertThat(TestDatabases.dump(snapshot.file())).isEqualTo(TestDatabases.dump(db));
        }
    }

    @Test
    void failedVerificationLeavesNoFileUnderAFinalName() throws Exception {
        Path db = this.temp.resolve("app.db");
        SQLiteDataSource dataSource = TestDatabases.wal(db);
        TestDatabases.fill(dataSource, 5_000);
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        TestDatabases.corruptPageNearTheEnd(db);
        SnapshotWriter writer = writer(dataSource, db, SnapshotMethod.FILE_COPY);
        assertThatExceptionOfType(SnapshotException.class)
                .isThrownBy(() -> writer.write(SnapshotLabel.PRE_MIGRATE, "v1-to-v2"))
                .withMessageContaining(".partial");
        try (Stream<Path> files = Files.list(writer.directory().path())) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void fileCopyRecordsWhetherTheFileSystemClonedTheFile() throws Exception {
        Path db = this.temp.resolve("app.db");
        SQLiteDataSource dataSource = TestDatabases.wal(db);
        TestDatabases.fill(dataSource, 1_000);
        Snapshot snapshot = writer(dataSource, db, SnapshotMethod.FILE_COPY).write(SnapshotLabel.MANUAL, null);
        assertThat(snapshot.method()).isEqualTo(SnapshotMethod.FILE_COPY);
        assertThat(snapshot.cloned()).isEqualTo(canClone(db, snapshot.file().getParent()));
        assertThat(TestDatabases.dump(snapshot.file())).isEqualTo(TestDatabases.dump(db));
    }

    @Test
    void autoWhileRunningNeverCopiesByteForByteUnderTheWriteLock() throws Exception {
        Path db = this.temp.resolve("app.db");
        SQLiteDataSource dataSource = TestDatabases.wal(db);
        TestDatabases.fill(dataSource, 1_000);
        SnapshotSettings settings = new SnapshotSettings(null, SnapshotMethod.AUTO, Verification.QUICK, 0, null);
        Snapshot snapshot = SnapshotWriter.whileRunning(DatabaseFile.locate(dataSource), settings, Clock.systemUTC())
                .write(SnapshotLabel.SCHEDULED, null);
        boolean cloneable = canClone(db, snapshot.file().getParent());
        assertThat(snapshot.method()).isEqualTo(cloneable ? SnapshotMethod.FILE_COPY : SnapshotMethod.BACKUP_API);
        assertThat(snapshot.cloned()).isEqualTo(cloneable);
    }

    /**
     * Asks the file system itself, the way an operator would, whether it clones files from one directory to another.
     */
    private static boolean canClone(Path db, Path dir) throws Exception {
        Path probe = dir.resolve("clone-probe");
        Process cp = new ProcessBuilder("cp", "--reflink=always", db.toString(), probe.toString())
                .redirectErrorStream(true)
                .start();
        cp.getInputStream().readAllBytes();
        boolean cloned = cp.waitFor() == 0;
        Files.deleteIfExists(probe);
        return cloned;
    }

    private static SnapshotWriter writer(SQLiteDataSource dataSource, Path db, SnapshotMethod method) {
        SnapshotSettings settings = new SnapshotSettings(null, method, Verification.QUICK, 0, "flyway_schema_history");
        DatabaseFile database = DatabaseFile.locate(dataSource);
        assertThat(database.path()).isEqualTo(db.toAbsolutePath());
        return new SnapshotWriter(dataSource, database, settings, Clock.systemUTC());
    }
}
