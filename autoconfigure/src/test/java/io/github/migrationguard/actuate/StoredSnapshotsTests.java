package io.github.migrationguard.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationguard.snapshot.SnapshotDirectory.StoredSnapshot;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.snapshot.SnapshotSettings;
import io.github.migrationguard.strategy.LiveSnapshots;
import io.github.migrationguard.strategy.MigrationReports;
import io.github.migrationguard.testing.GuardedApplication;
import io.github.migrationguard.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What health, metrics and the endpoint read of the backup directory: listed again only when it changed, and each
 * snapshot's schema version read once from the file, never on every request.
 */
class StoredSnapshotsTests {

    private static final FileTime AN_HOUR_AGO = FileTime.from(Instant.now().minus(Duration.ofHours(1)));

    @TempDir
    Path temp;

    private GuardedApplication app;

    private LiveSnapshots live;

    private StoredSnapshots stored;

    @BeforeEach
    void takeASnapshotAtVersion1() {
        this.app = new GuardedApplication(this.temp);
        this.live = new LiveSnapshots(
                TestDatabases.wal(this.app.database()),
                new SnapshotSettings(null, null, null, 0, "flyway_schema_history"),
                new MigrationReports(),
                Clock.systemUTC());
        this.live.take(SnapshotLabel.MANUAL, null, 5);
        this.stored = new StoredSnapshots(this.live);
    }

    @Test
    void schemaVersionIsReadFromTheFileOnceAndServedAfterwards() throws Exception {
        StoredSnapshot snapshot = this.stored.list().get(0);
        assertThat(this.stored.schemaVersion(snapshot)).isEqualTo("1");
        rewriteVersionInside(snapshot.file(), "9");
        assertThat(this.stored.schemaVersion(this.stored.list().get(0))).isEqualTo("1");
    }

    @Test
    void fileReplacedUnderItsNameIsReadAgainOnceTheDirectoryChanged() throws Exception {
        StoredSnapshot snapshot = this.stored.list().get(0);
        assertThat(this.stored.schemaVersion(snapshot)).isEqualTo("1");
        rewriteVersionInside(snapshot.file(), "9");
        Files.setLastModifiedTime(snapshot.file(), FileTime.from(Instant.now()));
        Files.setLastModifiedTime(this.app.backups(), FileTime.from(Instant.now()));
        assertThat(this.stored.schemaVersion(this.stored.list().get(0))).isEqualTo("9");
    }

    @Test
    void directoryIsListedAgainOnlyWhenItsModificationTimeChanged() throws Exception {
        Files.setLastModifiedTime(this.app.backups(), AN_HOUR_AGO);
        List<StoredSnapshot> first = this.stored.list();
        assertThat(first).hasSize(1);
        Path copy = Files.copy(
                first.get(0).file(),
                this.app.backups().resolve("manual-20261130T050000.000Z-copy.db"),
                StandardCopyOption.COPY_ATTRIBUTES);
        Files.setLastModifiedTime(this.app.backups(), AN_HOUR_AGO);
        assertThat(this.stored.list()).isSameAs(first);
        Files.setLastModifiedTime(this.app.backups(), FileTime.from(Instant.now()));
        assertThat(this.stored.list())
                .extracting(StoredSnapshot::file)
                .contains(copy)
                .hasSize(2);
    }

    @Test
    void directoryChangedMomentsBeforeItWasListedIsListedAgain() throws Exception {
        FileTime justNow = FileTime.from(Instant.now());
        Files.setLastModifiedTime(this.app.backups(), justNow);
        List<StoredSnapshot> first = this.stored.list();
        Files.copy(first.get(0).file(), this.app.backups().resolve("manual-20261130T050000.000Z-copy.db"));
        // A change within the same clock tick as the listing leaves the modification time as it was
        Files.setLastModifiedTime(this.app.backups(), justNow);
        assertThat(this.stored.list()).hasSize(2);
    }

    /** Changes the version recorded inside, keeping the file's size and modification time. */
    private static void rewriteVersionInside(Path snapshot, String version) throws Exception {
        FileTime modified = Files.getLastModifiedTime(snapshot);
        long size = Files.size(snapshot);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + snapshot);
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE flyway_schema_history SET version = '" + version + "' WHERE version = '1'");
        }
        Files.setLastModifiedTime(snapshot, modified);
        assertThat(Files.size(snapshot)).isEqualTo(size);
    }
}
