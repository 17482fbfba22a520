package io.github.migrationguard.autoconfigure;

import io.github.migrationguard.strategy.GuardedMigration;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

/**
 * Runs an application's own {@link FlywayMigrationStrategy} beans inside the guard: each is handed out wrapped, so
 * that Spring Boot's Flyway initializer calls the guard, which calls the application's strategy in place of Flyway's
 * migrate. The wrapper implements only {@link FlywayMigrationStrategy}, the type Spring Boot looks the strategy up by.
 */
final class GuardedStrategies implements BeanPostProcessor {

    private final ObjectProvider<GuardedMigration> guardedMigration;

    GuardedStrategies(ObjectProvider<GuardedMigration> guardedMigration) {
        this.guardedMigration = guardedMigration;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof FlywayMigrationStrategy strategy && !(bean instanceof MigrationGuardStrategy)) {
            return new GuardedApplicationStrategy(beanName, strategy, this.guardedMigration);
        }
        return bean;
    }

    /**
     * The application's strategy, run by the guard.
     *
     * @param beanName the name of the application's strategy bean
     * @param application the application's strategy
     * @param guardedMigration the guard, looked up when Flyway migrates
     */
    record GuardedApplicationStrategy(
            String beanName, FlywayMigrationStrategy application, ObjectProvider<GuardedMigration> guardedMigration)
            implements FlywayMigrationStrategy {

        @Override
        public void migrate(Flyway flyway) {
            this.guardedMigration.getObject().migrate(flyway, this.application::migrate);
        }
    }
}
