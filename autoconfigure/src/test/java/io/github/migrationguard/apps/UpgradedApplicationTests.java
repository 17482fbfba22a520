package io.github.migrationguard.apps;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationguard.snapshot.SnapshotDirectory;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.strategy.MigrationReport;
import io.github.migrationguard.strategy.MigrationReports;
import io.github.migrationguard.testing.GuardedApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * A real application, booted by {@code @SpringBootTest} on a database at version 1 with V2 pending, whose beans read
 * the migrated schema while they are created ({@link MessageCount}); and the same application booted again with a
 * broken V3 after a good V2.
 */
// Closed after the class (pool included): its database file is deleted then
@DirtiesContext
abstract class UpgradedApplicationTests {

    private static Path dir;

    private static GuardedApplication application;

    @Autowired
    MigrationReports reports;

    @Autowired
    MessageCount messageCount;

    @DynamicPropertySource
    static void databaseAtV1WithV2Pending(DynamicPropertyRegistry registry) throws Exception {
        dir = Files.createTempDirectory("upgraded-application");
        application = new GuardedApplication(dir);
        for (String property : UpgradeRun.properties(application)) {
            String[] pair = property.split("=", 2);
            registry.add(pair[0], () -> pair[1]);
        }
    }

    @AfterAll
    static void deleteDatabase() {
        FileSystemUtils.deleteRecursively(dir.toFile());
    }

    /**
     * Returns the application class that {@code @SpringBootTest} boots.
     * @return the class
     */
    abstract Class<?> applicationClass();

    @Test
    void migratesThroughTheGuardBeforeTheBeansThatReadTheSchema() {
        assertThat(this.messageCount.value()).isZero();
        MigrationReport report = this.reports.last().orElseThrow();
        assertThat(report.outcome()).isEqualTo(MigrationReport.Outcome.SUCCESS);
        assertThat(report.toVersion()).isEqualTo("2");
        assertThat(new SnapshotDirectory(application.backups()).list(SnapshotLabel.PRE_MIGRATE))
                .hasSize(1);
    }

    @Test
    void brokenUpgradeLeavesTheDatabaseAsItWasWithOneVerifiedSnapshot(@TempDir Path other) {
        UpgradeRun.brokenUpgradeLeavesTheDatabaseAsItWas(applicationClass(), other);
    }

    /**
     * A bean that reads the migrated schema while it is created.
     *
     * @param value how many books there are
     */
    record MessageCount(int value) {}
}
