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
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * A real application that defines its own Flyway bean migrated by its init method, as many do.
 */
@SpringBootTest(
        classes = OwnFlywayBeanApplicationTests.Archive.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE)
class OwnFlywayBeanApplicationTests {

    private static Path dir;

    private static GuardedApplication application;

    @Autowired
    MigrationReports reports;

    @Autowired
    Archive.MessageCount messageCount;

    @DynamicPropertySource
    static void databaseAtV1WithV2Pending(DynamicPropertyRegistry registry) throws Exception {
        dir = Files.createTempDirectory("own-flyway-bean");
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
        UpgradeRun.brokenUpgradeLeavesTheDatabaseAsItWas(Archive.class, other);
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Archive {

        @Bean(initMethod = "migrate")
        Flyway flyway(DataSource dataSource, Environment environment) {
            return Flyway.configure()
                    .dataSource(dataSource)
                    .locations(environment.getRequiredProperty("spring.flyway.locations"))
                    .load();
        }

        @Bean
        MessageCount messageCount(Flyway flyway, DataSource dataSource) {
            return new MessageCount(
                    new JdbcTemplate(dataSource).queryForObject("SELECT count(*) FROM book", Integer.class));
        }

        record MessageCount(int value) {}
    }
}
