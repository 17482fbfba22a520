package io.github.migrationguard.autoconfigure;

import io.github.migrationguard.strategy.MigrationReports;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;

/**
 * Says so, once at startup, when no migration ran through the guard while the application's beans were created: the
 * application then migrates at a moment the starter cannot reach (its own code calls {@code migrate()}, or an
 * initializer migrates without the guard's strategy). Health shows it until a guarded run is recorded.
 */
final class UnguardedMigrationCheck implements SmartInitializingSingleton {

    private static final Log logger = LogFactory.getLog(UnguardedMigrationCheck.class);

    private final ConfigurableListableBeanFactory beanFactory;

    private final MigrationReports reports;

    UnguardedMigrationCheck(ConfigurableListableBeanFactory beanFactory, MigrationReports reports) {
        this.beanFactory = beanFactory;
        this.reports = reports;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (this.reports.last().isPresent()) {
            return;
        }
        String reason = reason();
        logger.warn("Flyway migrations are NOT guarded by migration-guard: " + reason + ". Where the application "
                + "migrates, call the GuardedMigration bean's migrate(flyway) instead of flyway.migrate() "
                + "(docs/getting-started.md, \"Which setups are guarded\")");
        this.reports.notGuarded(reason);
    }

    private String reason() {
        List<String> initializers =
                List.of(this.beanFactory.getBeanNamesForType(FlywayMigrationInitializer.class, true, false));
        if (!initializers.isEmpty()) {
            return "no migration ran through it during startup; the FlywayMigrationInitializer bean(s) " + initializers
                    + " migrate without migration-guard's strategy, or were not created";
        }
        List<String> flyways = List.of(this.beanFactory.getBeanNamesForType(Flyway.class, true, false));
        return "no FlywayMigrationInitializer and no migrate init method migrates the Flyway bean(s) " + flyways
                + ", so the application runs migrate() itself";
    }
}
