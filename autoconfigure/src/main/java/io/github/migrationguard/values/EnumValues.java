package io.github.migrationguard.values;

import java.util.Locale;

/**
 * Internal: the one spelling of enum constants outside Java: lower case with dashes, as in {@code application.yml}
 * ({@code FILE_COPY} is {@code file-copy}), metric tags ({@code FAILURE} is {@code failure}), the endpoint's JSON and
 * logs. Internal: public only so that every package spells constants the same way.
 */
public final class EnumValues {

    private EnumValues() {}

    /**
     * Returns a constant as properties, tags, JSON and logs write it.
     * @param constant the constant
     * @return its lower-case name with dashes, for example {@code file-copy}
     */
    public static String of(Enum<?> constant) {
        return lowerCase(constant).replace('_', '-');
    }

    /**
     * Returns a constant in lower case with its underscores kept: only for the {@code outcome} tag of
     * {@code migration.guard.migrate}, published as {@code nothing_pending} before the dashed spelling was the rule,
     * and kept so that dashboards and alerts keep working.
     * @param constant the constant
     * @return its lower-case name, for example {@code nothing_pending}
     */
    public static String lowerCase(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }
}
