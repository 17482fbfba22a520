package io.github.migrationguard.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationguard.strategy.MigrationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlainFlywayUpgradeTests {

    @TempDir
    Path temp;

    @Test
    void plainFlywayUpgradeTakesAVerifiedSnapshotBeforeMigrating() throws IOException {
        Path migrations = Files.createDirectories(this.temp.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__book.sql"), "CREATE TABLE book (id INTEGER PRIMARY KEY);\n");
        Path database = this.temp.resolve("app.db");
        assertThat(PlainFlywayUpgrade.upgrade(database, "filesystem:" + migrations)
                        .outcome())
                .isEqualTo(MigrationReport.Outcome.SUCCESS);
        Files.writeString(migrations.resolve("V2__title.sql"), "ALTER TABLE book ADD COLUMN title TEXT;\n");

        MigrationReport report = PlainFlywayUpgrade.upgrade(database, "filesystem:" + migrations);

        assertThat(report.outcome()).isEqualTo(MigrationReport.Outcome.SUCCESS);
        assertThat(report.toVersion()).isEqualTo("2");
        try (Stream<Path> snapshots = Files.list(this.temp.resolve("backups"))) {
            assertThat(snapshots.map((file) -> file.getFileName().toString()))
                    .singleElement()
                    .asString()
                    .matches("pre-migrate-\\d{8}T\\d{6}\\.\\d{3}Z-v1-to-v2\\.db");
        }
    }
}
