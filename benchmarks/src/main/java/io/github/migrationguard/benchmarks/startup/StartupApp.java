package io.github.migrationguard.benchmarks.startup;

import java.lang.management.ManagementFactory;
import org.springframework.boot.Banner;
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

    public static final String CPU_PREFIX = "CPU_MILLIS=";

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(StartupApp.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setLogStartupInfo(false);
        application.setBannerMode(Banner.Mode.OFF);
        try (ConfigurableApplicationContext context = application.run(args)) {
            long ready = System.currentTimeMillis()
                    - ManagementFactory.getRuntimeMXBean().getStartTime();
            System.out.println(READY_PREFIX + ready);
            // CPU time is steadier than wall time on a shared machine: other processes delay, but do not add to it
            System.out.println(CPU_PREFIX + cpuMillis());
        }
    }

    private static long cpuMillis() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1_000_000;
        }
        return -1;
    }
}
