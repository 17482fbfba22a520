package io.github.migrationguard.snapshot;

/**
 * Internal: SQL string literals for values that cannot be bound as parameters, such as file names in {@code VACUUM
 * INTO}.
 */
public final class SqlLiterals {

    private SqlLiterals() {}

    /**
     * Quotes text as an SQL string literal, doubling any single quote inside it.
     * @param text the text
     * @return the literal, quotes included
     */
    public static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
