package io.github.migrationguard.lint;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Asks SQLite itself, the one on the classpath that will run the migration, whether an ALTER TABLE statement has a
 * form it rejects. The statement runs in an in-memory database against a table of the same name holding one row
 * (several of SQLite's refusals only apply to a table with rows), and is rolled back. Only a syntax error or one of
 * SQLite's "Cannot add a ..." refusals counts: errors that depend on the real schema or data (no such column, no such
 * constraint, a constraint the row violates) are not about the statement's form, and the migration itself will tell.
 */
final class SqliteAlterCheck implements AutoCloseable {

    private static final String PROBE_COLUMN = "migration_guard_lint_probe";

    private final @Nullable Connection connection;

    private SqliteAlterCheck(@Nullable Connection connection) {
        this.connection = connection;
    }

    /**
     * Opens an in-memory SQLite database for the checks of one lint pass.
     * @return the check; without sqlite-jdbc on the classpath it finds nothing, since nothing can back a finding
     */
    static SqliteAlterCheck open() {
        try {
            Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:");
            connection.setAutoCommit(false);
            return new SqliteAlterCheck(connection);
        } catch (SQLException ex) {
            return new SqliteAlterCheck(null);
        }
    }

    /**
     * Returns SQLite's refusal of an ALTER TABLE statement's form.
     * @param table the table the statement alters, as written in it (quoted or schema-qualified)
     * @param statement the statement
     * @return SQLite's error message, or empty when SQLite accepts the form or cannot judge it without the schema
     */
    Optional<String> rejection(String table, String statement) {
        if (this.connection == null) {
            return Optional.empty();
        }
        try (Statement shadow = this.connection.createStatement()) {
            shadow.execute("CREATE TABLE " + table + " (" + PROBE_COLUMN + " INTEGER)");
            shadow.execute("INSERT INTO " + table + " DEFAULT VALUES");
            return run(statement);
        } catch (SQLException ex) {
            // A table SQLite cannot create here (another schema, say): nothing to judge the statement against
            return Optional.empty();
        } finally {
            rollback();
        }
    }

    private Optional<String> run(String statement) throws SQLException {
        try (PreparedStatement alter = this.connection.prepareStatement(statement)) {
            alter.execute();
            return Optional.empty();
        } catch (SQLException ex) {
            return rejectsForm(ex.getMessage()) ? Optional.of(sqliteMessage(ex.getMessage())) : Optional.empty();
        }
    }

    private static boolean rejectsForm(@Nullable String message) {
        String text = (message != null) ? message.toLowerCase(Locale.ROOT) : "";
        return text.contains("syntax error") || text.contains("incomplete input") || text.contains("(cannot add a");
    }

    /**
     * Returns SQLite's own words from sqlite-jdbc's message, {@code [SQLITE_ERROR] SQL error or missing database
     * (near "MODIFY": syntax error)}.
     */
    private static String sqliteMessage(String message) {
        int open = message.indexOf('(');
        return (open >= 0 && message.endsWith(")")) ? message.substring(open + 1, message.length() - 1) : message;
    }

    private void rollback() {
        try {
            this.connection.rollback();
        } catch (SQLException ex) {
            // An in-memory database that cannot roll back is closed with the pass
        }
    }

    @Override
    public void close() {
        if (this.connection == null) {
            return;
        }
        try {
            this.connection.close();
        } catch (SQLException ex) {
            // Nothing to release beyond memory
        }
    }
}
