package io.github.migrationguard.heal;

/**
 * What the schema history holds about one applied migration, as it was applied.
 *
 * @param script the script recorded when it was applied
 * @param description the description recorded when it was applied
 */
record HistoryRow(String script, String description) {}
