package io.github.migrationguard.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sample app started and stopped as an operator does, through the upgrades migration-guard exists for: a cosmetic
 * edit of an applied migration, and a release whose migration fails. Also run by scripts/compat.sh on every supported
 * Spring Boot and Java version.
 */
class GuardedUpgradeTests {

    @TempDir
    Path dir;

    @Test
    void cosmeticEditOfAnAppliedMigrationIsHealedAtTheNextStart() throws IOException {
        LibraryInstall library = LibraryInstall.in(this.dir);
        library.upgrade();
        library.appendToMigration("V2__members_and_loans.sql", "\n-- Reviewed: loans keep their history.\n");
        try (ConfigurableApplicationContext app = library.start()) {
            assertThat(app.getBean(Flyway.class).validateWithResult().validationSuccessful)
                    .isTrue();
            assertThat(app.getBean(MeterRegistry.class)
                            .get("migration.guard.heal")
                            .tag("version", "2")
                            .tag("reason", "fingerprint")
                            .functionCounter()
                            .count())
                    .isEqualTo(1);
        }
    }

    @Test
    void failedMigrationIsRestoredFromItsSnapshot() throws IOException {
        LibraryInstall library = LibraryInstall.in(this.dir);
        library.upgrade();
        library.update("INSERT INTO member (name, email) VALUES ('Ged', 'ged@roke.example')");
        library.addMigration(
                "V4__book_shelf.sql",
                "ALTER TABLE book ADD COLUMN shelf TEXT;\nINSERT INTO shelf_that_does_not_exist VALUES (1);\n");
        assertThatException()
                .isThrownBy(library::start)
                .withStackTraceContaining("restored")
                .withStackTraceContaining("shelf_that_does_not_exist");
        assertThat(library.queryForObject("SELECT name FROM member", String.class))
                .isEqualTo("Ged");
        assertThat(library.queryForObject(
                        "SELECT count(*) FROM pragma_table_info('book') WHERE name = 'shelf'", Integer.class))
                .isZero();
        assertThat(library.queryForObject("SELECT max(version) FROM flyway_schema_history", String.class))
                .isEqualTo("3");
        try (Stream<Path> snapshots = Files.list(library.backups())) {
            // Hidden files beside the snapshots are the starter's own records (the crash loop this failure starts)
            assertThat(snapshots.map((file) -> file.getFileName().toString()).filter((name) -> !name.startsWith(".")))
                    .singleElement()
                    .asString()
                    .startsWith("pre-migrate-")
                    .endsWith("-v3-to-v4.db");
        }
    }
}
