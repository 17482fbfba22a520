package io.github.migrationguard.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationguard.snapshot.SnapshotDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DowngradeSnapshotsTests {

    @TempDir
    Path backups;

    private DowngradeSnapshots snapshots;

    @BeforeEach
    void backupDirectoryAfterTwoRoundTripsFromV3() throws IOException {
        for (String name : List.of(
                "pre-migrate-20260101T000000.000Z-v3-to-v4.db",
                "pre-migrate-20260102T000000.000Z-v4-to-v5.db",
                "pre-migrate-20260103T000000.000Z-v3-to-v5.db",
                "pre-restore-20260104T000000.000Z.db",
                "manual-20260105T000000.000Z-v3-to-v9.db")) {
            Files.createFile(this.backups.resolve(name));
        }
        this.snapshots = new DowngradeSnapshots(List.of(new LocalSnapshots(new SnapshotDirectory(this.backups))));
    }

    @Test
    void picksTheNewestPreMigrateSnapshotThatLeftTheVersion() {
        assertThat(this.snapshots.newestLeaving(MigrationVersion.fromVersion("3")))
                .hasValueSatisfying((found) ->
                        assertThat(found.name().fileName()).isEqualTo("pre-migrate-20260103T000000.000Z-v3-to-v5.db"));
    }

    @Test
    void comparesVersionsAsVersionsNotText() {
        assertThat(this.snapshots.newestLeaving(MigrationVersion.fromVersion("4.0")))
                .hasValueSatisfying((found) -> assertThat(found.obtain())
                        .isEqualTo(this.backups.resolve("pre-migrate-20260102T000000.000Z-v4-to-v5.db")));
    }

    @Test
    void findsNothingWhenNoPreMigrateSnapshotLeftTheVersion() {
        assertThat(this.snapshots.newestLeaving(MigrationVersion.fromVersion("9")))
                .isEmpty();
    }
}
