package io.github.migrationguard.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationguard.snapshot.SnapshotDirectory;
import io.github.migrationguard.snapshot.SnapshotDirectory.StoredSnapshot;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.strategy.GuardedMigration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The upgrade a user makes: the app has run at v3, a release adds V4, the app restarts and finds a verified snapshot
 * of the v3 database beside it.
 */
@SpringBootTest
class UpgradeSnapshotTests {

    static final Path DATA_DIR = createTempDir();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    GuardedMigration guardedMigration;

    @DynamicPropertySource
    static void databaseAtV3WithV4Pending(DynamicPropertyRegistry registry) throws IOException {
        Path database = DATA_DIR.resolve("library.db");
        String url = "jdbc:sqlite:" + database + "?journal_mode=WAL";
        Flyway.configure()
                .dataSource(url, null, null)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        try (SingleConnectionDataSource dataSource = new SingleConnectionDataSource(url, false)) {
            new JdbcTemplate(dataSource).update("INSERT INTO member (name, email) VALUES ('Ged', 'ged@roke.example')");
        }
        Path release = Files.createDirectories(DATA_DIR.resolve("release-4"));
        Files.writeString(release.resolve("V4__book_shelf.sql"), "ALTER TABLE book ADD COLUMN shelf TEXT;");
        registry.add("library.data-dir", DATA_DIR::toString);
        registry.add("spring.flyway.locations", () -> "classpath:db/migration,filesystem:" + release);
    }

    @Test
    void upgradeLeavesExactlyOneVerifiedSnapshotOfThePreviousVersion() {
        // The snapshot is verified alongside the migration; its final name appears once verification is done
        this.guardedMigration.awaitSnapshot();
        List<StoredSnapshot> snapshots =
                new SnapshotDirectory(DATA_DIR.resolve("backups")).list(SnapshotLabel.PRE_MIGRATE);
        assertThat(snapshots).singleElement().satisfies((snapshot) -> {
            assertThat(snapshot.file().getFileName().toString()).endsWith("-v3-to-v4.db");
            JdbcTemplate inSnapshot =
                    new JdbcTemplate(new SingleConnectionDataSource("jdbc:sqlite:" + snapshot.file(), false));
            assertThat(inSnapshot.queryForList("PRAGMA integrity_check", String.class))
                    .containsExactly("ok");
            assertThat(inSnapshot.queryForObject(
                            "SELECT max(version) FROM flyway_schema_history WHERE success = 1", String.class))
                    .isEqualTo("3");
            assertThat(inSnapshot.queryForObject("SELECT name FROM member", String.class))
                    .isEqualTo("Ged");
        });
        assertThat(this.jdbc.queryForObject(
                        "SELECT count(*) FROM pragma_table_info('book') WHERE name = 'shelf'", Integer.class))
                .isEqualTo(1);
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("library-upgrade");
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
