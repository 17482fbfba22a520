package io.github.migrationguard.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.migrationguard.strategy.GuardedMigration;
import io.github.migrationguard.testing.GuardedApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class MigrationGuardHealthIndicatorTests {

    @TempDir
    Path temp;

    private GuardedApplication app;

    private ApplicationContextRunner runner;

    @BeforeEach
    void createApplication() {
        this.app = new GuardedApplication(this.temp);
        this.runner = this.app.runner();
    }

    @Test
    @SuppressWarnings("unchecked")
    void upAfterAnUpgradeWithEveryDetail() {
        this.runner.run((context) -> {
            Health health = context.getBean(MigrationGuardHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            Map<String, Object> details = health.getDetails();
            assertThat(details)
                    .containsEntry("database", this.app.database().toString())
                    .containsEntry("schemaVersion", "2")
                    .containsEntry("pending", 0)
                    .containsEntry("healedVersions", List.of())
                    .containsKeys("lastRun", "lastSnapshot", "snapshots", "backupDir")
                    .doesNotContainKey("downReasons");
            RunDescriptor lastRun = (RunDescriptor) details.get("lastRun");
            assertThat(lastRun.outcome()).isEqualTo("SUCCESS");
            assertThat(lastRun.applied()).isEqualTo(1);
            SnapshotAttemptDescriptor snapshot = (SnapshotAttemptDescriptor) details.get("lastSnapshot");
            assertThat(snapshot.outcome()).isEqualTo("success");
            assertThat(Path.of(snapshot.file()).getFileName().toString()).endsWith("-v1-to-v2.db");
            assertThat(snapshot.sizeBytes()).isEqualTo(Files.size(Path.of(snapshot.file())));
            assertThat(snapshot.verification()).isEqualTo("quick");
            assertThat(snapshot.method()).isIn("file-copy", "backup-api");
            assertThat(snapshot.cloned()).isNotNull();
            assertThat(details.get("snapshots")).isEqualTo(Map.of("count", 1, "totalBytes", snapshot.sizeBytes()));
            assertThat((Map<String, Object>) details.get("backupDir"))
                    .containsEntry("path", this.app.backups().toString())
                    .containsEntry("writable", true)
                    .containsKey("freeBytes");
        });
    }

    @Test
    void downWhenTheLastMigrationFailed() {
        this.runner.run((context) -> {
            this.app.migrations().add("V3__broken.sql", "CREATE TABLE book (id INTEGER);\n");
            GuardedMigration migration = context.getBean(GuardedMigration.class);
            Flyway flyway = context.getBean(Flyway.class);
            // Restored from the run's snapshot (restore.on-failure defaults to true), the run still ends DOWN
            assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> migration.migrate(flyway));
            Health health = context.getBean(MigrationGuardHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(downReasons(health)).singleElement().asString().contains("last migration failed");
        });
    }

    @Test
    void downWhenTheBackupDirectoryIsNotWritableWhileSnapshotsAreOn() throws Exception {
        Path file = Files.writeString(this.temp.resolve("not-a-directory"), "x");
        this.runner
                .withPropertyValues("migration-guard.snapshot.dir=" + file.resolve("backups"))
                .run((context) -> {
                    Health health =
                            context.getBean(MigrationGuardHealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(downReasons(health)).singleElement().asString().contains("is not writable");
                });
    }

    @Test
    void upWhenTheBackupDirectoryIsNotWritableButSnapshotsAreOff() throws Exception {
        Path file = Files.writeString(this.temp.resolve("not-a-directory"), "x");
        this.runner
                .withPropertyValues(
                        "migration-guard.snapshot.dir=" + file.resolve("backups"),
                        "migration-guard.snapshot.enabled=false")
                .run((context) -> assertThat(context.getBean(MigrationGuardHealthIndicator.class)
                                .health()
                                .getStatus())
                        .isEqualTo(Status.UP));
    }

    @Test
    void downWhenFreeSpaceIsBelowTheMinimum() {
        this.runner
                .withPropertyValues("migration-guard.health.min-free-space=4096TB")
                .run((context) -> {
                    Health health =
                            context.getBean(MigrationGuardHealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(downReasons(health))
                            .singleElement()
                            .asString()
                            .contains("bytes free, below migration-guard.health.min-free-space");
                });
    }

    @Test
    void healedVersionsListsTheVersionsHealedAtStartup() {
        this.runner.run((context) -> assertThat(context).hasNotFailed());
        this.app
                .migrations()
                .add(
                        "V2__book.sql",
                        "CREATE TABLE book (id INTEGER PRIMARY KEY,\n    author_id INTEGER REFERENCES author(id));\n");
        this.runner.run((context) -> {
            Health health = context.getBean(MigrationGuardHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("healedVersions", List.of("2"));
        });
    }

    @Test
    void switchedOffWithManagementHealthProperty() {
        this.runner
                .withPropertyValues("management.health.migrationguard.enabled=false")
                .run((context) -> assertThat(context).doesNotHaveBean(MigrationGuardHealthIndicator.class));
    }

    @Test
    void userBeanWithTheSameNameReplacesIt() {
        this.runner.withUserConfiguration(UserHealthConfiguration.class).run((context) -> {
            assertThat(context).doesNotHaveBean(MigrationGuardHealthIndicator.class);
            assertThat(context.getBean("migrationGuardHealthIndicator", HealthIndicator.class)
                            .health()
                            .getStatus())
                    .isEqualTo(Status.OUT_OF_SERVICE);
        });
    }

    private static List<?> downReasons(Health health) {
        return (List<?>) health.getDetails().get("downReasons");
    }

    @Configuration(proxyBeanMethods = false)
    static class UserHealthConfiguration {

        @Bean
        HealthIndicator migrationGuardHealthIndicator() {
            return () -> Health.outOfService().build();
        }
    }
}
