package io.github.migrationguard.autoconfigure;

import io.github.migrationguard.strategy.GuardedMigration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;

/**
 * Migrates an application's own {@link Flyway} bean declared with {@code initMethod = "migrate"} through the guard,
 * at the same point of startup: the bean definition loses that init method, and the guard migrates the bean right
 * after its initialization, before any bean that depends on it receives it. The Flyway itself (its configuration,
 * callbacks, everything the application set) is left as it is. Types are matched without creating any bean, from the
 * definition or the return type of its {@code @Bean} method.
 */
final class GuardedFlywayInitMethods implements BeanFactoryPostProcessor {

    private static final Log logger = LogFactory.getLog(GuardedFlywayInitMethods.class);

    static final String MIGRATE = "migrate";

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        Set<String> rewritten = new LinkedHashSet<>();
        for (String name : beanFactory.getBeanNamesForType(Flyway.class, true, false)) {
            if (beanFactory.containsBeanDefinition(name)
                    && beanFactory.getBeanDefinition(name) instanceof AbstractBeanDefinition definition
                    && removeMigrateInitMethod(definition)) {
                rewritten.add(name);
            }
        }
        if (!rewritten.isEmpty()) {
            logger.debug("Flyway bean(s) " + rewritten + " will be migrated through migration-guard instead of "
                    + "their init method " + MIGRATE);
            beanFactory.addBeanPostProcessor(
                    new GuardedInitMigration(rewritten, beanFactory.getBeanProvider(GuardedMigration.class)));
        }
    }

    private static boolean removeMigrateInitMethod(AbstractBeanDefinition definition) {
        String[] initMethods = definition.getInitMethodNames();
        if (initMethods == null || !Arrays.asList(initMethods).contains(MIGRATE)) {
            return false;
        }
        definition.setInitMethodNames(Arrays.stream(initMethods)
                .filter((method) -> !MIGRATE.equals(method))
                .toArray(String[]::new));
        return true;
    }

    /**
     * Migrates the rewritten Flyway beans through the guard where their init method used to run.
     */
    private record GuardedInitMigration(Set<String> beanNames, ObjectProvider<GuardedMigration> guardedMigration)
            implements BeanPostProcessor {

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (bean instanceof Flyway flyway && this.beanNames.contains(beanName)) {
                this.guardedMigration.getObject().migrate(flyway);
            }
            return bean;
        }
    }
}
