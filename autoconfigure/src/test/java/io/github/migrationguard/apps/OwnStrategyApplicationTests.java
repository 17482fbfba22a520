package io.github.migrationguard.apps;

import javax.sql.DataSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A real application with its own "repair, then migrate" strategy, as applications burnt by drift have.
 */
@SpringBootTest(
        classes = OwnStrategyApplicationTests.MediaServer.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE)
class OwnStrategyApplicationTests extends UpgradedApplicationTests {

    @Override
    Class<?> applicationClass() {
        return MediaServer.class;
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
    }
}
