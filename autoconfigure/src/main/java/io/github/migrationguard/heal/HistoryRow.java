package io.github.migrationguard.heal;

/**
 * What the schema history holds about one applied migration, as it was applied.
 *
 * @param script the script recorded when it was applied
 * @param description the description recorded when it was applied
 * @param type the migration type recorded when it was applied ({@code SQL}, {@code JDBC}...)
 */
record HistoryRow(String script, String description, String type) {}
