package io.github.migrationguard.snapshot;

/**
 * Internal: SQL identifiers for names that come from configuration, such as the Flyway history table.
 */
public final class SqlIdentifiers {

    private SqlIdentifiers() {}

    /**
     * Quotes a name as an SQL identifier, doubling any double quote inside it.
     * @param name the name
     * @return the quoted identifier
     */
    public static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
