package io.github.migrationguard.autoconfigure;

import io.github.migrationguard.actuate.RunDescriptor;
import io.github.migrationguard.actuate.SnapshotAttemptDescriptor;
import io.github.migrationguard.restore.SchemaAhead;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Reflection hints for the records Jackson writes among the {@code migrationGuard} health details: details are a
 * {@code Map<String, Object>}, so no hint of Spring Boot's sees their types. Only a native image needs them: on the
 * JVM, with or without AOT processing, reflection works unaided. Properties binding, the endpoint's return types and
 * Flyway's resources are hinted by Spring Boot itself; the endpoint's settings are plain strings, numbers and booleans.
 */
class MigrationGuardRuntimeHints implements RuntimeHintsRegistrar {

    private final BindingReflectionHintsRegistrar bindingHints = new BindingReflectionHintsRegistrar();

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        this.bindingHints.registerReflectionHints(
                hints.reflection(), SnapshotAttemptDescriptor.class, RunDescriptor.class, SchemaAhead.class);
    }
}
