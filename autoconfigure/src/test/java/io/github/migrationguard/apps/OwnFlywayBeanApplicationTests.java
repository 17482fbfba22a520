package io.github.migrationguard.apps;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A real application that defines its own Flyway bean migrated by its init method, as many do.
 */
@SpringBootTest(
        classes = OwnFlywayBeanApplicationTests.Archive.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE)
class OwnFlywayBeanApplicationTests extends UpgradedApplicationTests {

    @Override
    Class<?> applicationClass() {
        return Archive.class;
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
    }
}
