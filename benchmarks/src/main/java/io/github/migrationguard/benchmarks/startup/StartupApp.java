package io.github.migrationguard.benchmarks.startup;

import java.lang.management.ManagementFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A small Spring Boot application with the starter, a SQLite data source and one Flyway migration. Started in a child
 * JVM; prints how long it took from JVM start until the context was ready, then exits.
 */
@SpringBootApplication
public class StartupApp {

    public static final String READY_PREFIX = "READY_MILLIS=";

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(StartupApp.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setLogStartupInfo(false);
        try (ConfigurableApplicationContext context = application.run(args)) {
            long ready = System.currentTimeMillis()
                    - ManagementFactory.getRuntimeMXBean().getStartTime();
            System.out.println(READY_PREFIX + ready);
        }
    }
}
