package io.github.migrationguard.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotDirectoryTests {

    private static final Instant T0 = Instant.parse("2026-11-22T10:15:30.123Z");

    @TempDir
    Path dir;

    @Test
    void pruneKeepsTheNewestByTimestampInTheName() throws IOException {
        // Written newest first, so file times disagree with the names: retention must follow the names
        for (int i = 5; i >= 0; i--) {
            touch(new SnapshotName(SnapshotLabel.PRE_MIGRATE, T0.plusSeconds(i * 60L), "v" + i + "-to-v" + (i + 1)));
        }
        List<Path> deleted = new SnapshotDirectory(this.dir).prune(SnapshotLabel.PRE_MIGRATE, 2);
        assertThat(deleted).hasSize(4);
        assertThat(new SnapshotDirectory(this.dir).list())
                .extracting((snapshot) -> snapshot.name().detail())
                .containsExactly("v4-to-v5", "v5-to-v6");
    }

    @Test
    void pruneOnlyTouchesTheGivenLabel() throws IOException {
        touch(new SnapshotName(SnapshotLabel.MANUAL, T0, "before-import"));
        touch(new SnapshotName(SnapshotLabel.PRE_RESTORE, T0, null));
        touch(new SnapshotName(SnapshotLabel.PRE_MIGRATE, T0, "v1-to-v2"));
        new SnapshotDirectory(this.dir).prune(SnapshotLabel.PRE_MIGRATE, 0);
        assertThat(new SnapshotDirectory(this.dir).list())
                .extracting((snapshot) -> snapshot.name().label())
                .containsExactlyInAnyOrder(SnapshotLabel.MANUAL, SnapshotLabel.PRE_RESTORE);
    }

    @Test
    void pruneNeverTouchesFilesThatAreNotSnapshots() throws IOException {
        List<String> foreign = List.of(
                "pre-migrate-latest.db",
                "pre-migrate-20261122T101530.123Z.db.bak",
                "my-own-backup.db",
                "pre-migrate-20261122T101530Z.db",
                "README.txt");
        for (String name : foreign) {
            Files.writeString(this.dir.resolve(name), "keep me");
        }
        touch(new SnapshotName(SnapshotLabel.PRE_MIGRATE, T0, null));
        SnapshotDirectory directory = new SnapshotDirectory(this.dir);
        directory.prune(SnapshotLabel.PRE_MIGRATE, 0);
        directory.removeLeftovers();
        try (var files = Files.list(this.dir)) {
            assertThat(files.map((file) -> file.getFileName().toString())).containsExactlyInAnyOrderElementsOf(foreign);
        }
    }

    @Test
    void removeLeftoversDeletesPartialFilesAndTheirJournals() throws IOException {
        SnapshotName name = new SnapshotName(SnapshotLabel.PRE_MIGRATE, T0, "v1-to-v2");
        Files.writeString(this.dir.resolve(name.partialFileName()), "half a copy");
        Files.writeString(this.dir.resolve(name.partialFileName() + "-journal"), "its journal");
        touch(new SnapshotName(SnapshotLabel.PRE_MIGRATE, T0.plusSeconds(1), "v1-to-v2"));
        List<Path> removed = new SnapshotDirectory(this.dir).removeLeftovers();
        assertThat(removed).hasSize(2);
        assertThat(new SnapshotDirectory(this.dir).list()).hasSize(1);
    }

    @Test
    void findReturnsTheSnapshotWithThatName() throws IOException {
        SnapshotName name = new SnapshotName(SnapshotLabel.MANUAL, T0, "before import");
        touch(name);
        assertThat(new SnapshotDirectory(this.dir).find("manual-20261122T101530.123Z-before-import.db"))
                .hasValueSatisfying((snapshot) -> assertThat(snapshot.name()).isEqualTo(name));
        assertThat(new SnapshotDirectory(this.dir).find("manual-20261122T101530.124Z.db"))
                .isEmpty();
    }

    @Test
    void listOfMissingDirectoryIsEmpty() {
        assertThat(new SnapshotDirectory(this.dir.resolve("absent")).list()).isEmpty();
    }

    private void touch(SnapshotName name) throws IOException {
        Files.writeString(this.dir.resolve(name.fileName()), name.toString());
    }
}
