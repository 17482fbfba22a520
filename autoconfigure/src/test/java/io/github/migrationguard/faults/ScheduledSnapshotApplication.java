package io.github.migrationguard.faults;

import java.util.concurrent.CountDownLatch;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Child process of {@link ShutdownDuringSnapshotFaultTests}: a real Spring Boot application on a SQLite file with a
 * pool of one connection, taking a fully checked scheduled snapshot every second until it is stopped. Prints
 * {@code ready} once started.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ScheduledSnapshotApplication {

    public static void main(String[] args) throws InterruptedException {
        new SpringApplicationBuilder(ScheduledSnapshotApplication.class)
                .properties(
                        "spring.main.web-application-type=none",
                        "spring.main.banner-mode=off",
                        "spring.datasource.url=jdbc:sqlite:" + args[0],
                        "spring.datasource.hikari.maximum-pool-size=1",
                        "spring.flyway.locations=" + args[1],
                        "spring.flyway.baseline-on-migrate=true",
                        "spring.flyway.baseline-version=1",
                        "migration-guard.schedule.cron=* * * * * *",
                        "migration-guard.snapshot.verify=full")
                .run(args);
        System.out.println("ready");
        System.out.flush();
        // Runs until stopped; SIGTERM runs Spring Boot's shutdown hook, which closes the context
        new CountDownLatch(1).await();
    }
}
