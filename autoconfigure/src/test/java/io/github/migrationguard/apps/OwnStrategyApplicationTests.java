package io.github.migrationguard.apps;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationguard.snapshot.SnapshotDirectory;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.strategy.MigrationReport;
import io.github.migrationguard.strategy.MigrationReports;
import io.github.migrationguard.testing.GuardedApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * A real application with its own "repair, then migrate" strategy, as applications burnt by drift have.
 */
@SpringBootTest(
        classes = OwnStrategyApplicationTests.MediaServer.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE)
class OwnStrategyApplicationTests {

    private static Path dir;

    private static GuardedApplication application;

    @Autowired
    MigrationReports reports;

    @Autowired
    MediaServer.MessageCount messageCount;

    @DynamicPropertySource
    static void databaseAtV1WithV2Pending(DynamicPropertyRegistry registry) throws Exception {
        dir = Files.createTempDirectory("own-strategy");
        application = new GuardedApplication(dir);
        for (String property : UpgradeRun.properties(application)) {
            String[] pair = property.split("=", 2);
            registry.add(pair[0], () -> pair[1]);
        }
    }

    @AfterAll
    static void deleteDatabase() throws Exception {
        FileSystemUtils.deleteRecursively(dir);
    }

    @Test
    void runsItsStrategyInsideTheGuard() {
        assertThat(this.messageCount.value()).isZero();
        MigrationReport report = this.reports.last().orElseThrow();
        assertThat(report.outcome()).isEqualTo(MigrationReport.Outcome.SUCCESS);
        assertThat(report.toVersion()).isEqualTo("2");
        assertThat(new SnapshotDirectory(application.backups()).list(SnapshotLabel.PRE_MIGRATE))
                .hasSize(1);
    }

    @Test
    void brokenUpgradeLeavesTheDatabaseAsItWasWithOneVerifiedSnapshot(@TempDir Path other) {
        UpgradeRun.brokenUpgradeLeavesTheDatabaseAsItWas(MediaServer.class, other);
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class MediaServer {

        @Bean
        FlywayMigrationStrategy repairThenMigrate() {
            return (flyway) -> {
                flyway.repair();
                flyway.migrate();
            };
        }

        // Spring Boot creates it after its Flyway initializer, which calls the strategy
        @Bean
        @DependsOnDatabaseInitialization
        MessageCount messageCount(DataSource dataSource) {
            return new MessageCount(
                    new JdbcTemplate(dataSource).queryForObject("SELECT count(*) FROM book", Integer.class));
        }

        record MessageCount(int value) {}
    }
}
