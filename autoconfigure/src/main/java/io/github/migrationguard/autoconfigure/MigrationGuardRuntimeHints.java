package io.github.migrationguard.autoconfigure;

import io.github.migrationguard.actuate.RunDescriptor;
import io.github.migrationguard.actuate.SnapshotAttemptDescriptor;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Reflection hints for what Jackson writes without the endpoint's own hints seeing it: the records among the health
 * details ({@code Health} details are a {@code Map<String, Object>}), and the enums among the endpoint's effective
 * settings (a {@code Map<String, Object>} too). Only a native image needs them: on the JVM, with or without AOT
 * processing, reflection works unaided. Properties binding, the endpoint's return types and Flyway's resources are
 * hinted by Spring Boot itself.
 */
class MigrationGuardRuntimeHints implements RuntimeHintsRegistrar {

    private final BindingReflectionHintsRegistrar bindingHints = new BindingReflectionHintsRegistrar();

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        this.bindingHints.registerReflectionHints(
                hints.reflection(), SnapshotAttemptDescriptor.class, RunDescriptor.class);
        EffectiveSettings.of(new MigrationGuardProperties()).values().stream()
                .filter(Objects::nonNull)
                .map(Object::getClass)
                .filter(Class::isEnum)
                .distinct()
                .forEach((type) -> this.bindingHints.registerReflectionHints(hints.reflection(), type));
    }
}
