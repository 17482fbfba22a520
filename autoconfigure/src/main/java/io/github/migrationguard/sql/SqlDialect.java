package io.github.migrationguard.sql;

import java.util.Locale;

/**
 * How a database reads the text of a migration: which characters start comments and quotes.
 */
public enum SqlDialect {

    /**
     * SQLite, H2, PostgreSQL, SQL Server and the SQL standard: {@code --} and {@code /* *}{@code /} comments; quotes
     * {@code '...'}, {@code "..."}, backquotes and {@code [...]} with doubled closing quotes; {@code $tag$} quoting.
     */
    STANDARD,

    /**
     * MySQL and MariaDB: backslash escapes inside quotes, {@code #} comments, and {@code --} starts a comment only
     * when followed by whitespace.
     */
    MYSQL;

    /**
     * Returns the dialect of a database, from its JDBC product name.
     * @param databaseProductName the product name
     * @return the dialect
     */
    public static SqlDialect of(String databaseProductName) {
        String name = (databaseProductName != null) ? databaseProductName.toLowerCase(Locale.ROOT) : "";
        return (name.contains("mysql") || name.contains("mariadb")) ? MYSQL : STANDARD;
    }
}
