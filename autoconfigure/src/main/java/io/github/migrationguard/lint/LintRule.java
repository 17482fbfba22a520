package io.github.migrationguard.lint;

/**
 * What lint looks for, each with the problem it causes and the way out.
 */
public enum LintRule {

    /**
     * {@code PRAGMA foreign_keys} inside a transaction.
     */
    PRAGMA_FOREIGN_KEYS(
            "PRAGMA foreign_keys inside a transactional migration does nothing: SQLite ignores it within a transaction",
            "run it in a migration with executeInTransaction=false (a '<script>.conf' beside the script), or turn "
                    + "foreign keys on for the connection (sqlite-jdbc URL parameter foreign_keys=true)"),

    /**
     * {@code PRAGMA journal_mode} inside a transaction.
     */
    PRAGMA_JOURNAL_MODE(
            "PRAGMA journal_mode inside a transactional migration cannot switch to or from WAL: SQLite refuses to "
                    + "change the journal mode within a transaction",
            "set the journal mode on the connection (sqlite-jdbc URL parameter journal_mode=WAL), or run it in a "
                    + "migration with executeInTransaction=false"),

    /**
     * {@code VACUUM} inside a transaction.
     */
    VACUUM_IN_TRANSACTION(
            "VACUUM inside a transactional migration fails: SQLite cannot VACUUM from within a transaction",
            "move VACUUM to its own migration with executeInTransaction=false (a '<script>.conf' beside the script)"),

    /**
     * An {@code ALTER TABLE} form SQLite does not support.
     */
    UNSUPPORTED_ALTER_TABLE(
            "SQLite rejects this ALTER TABLE on a table with rows (SQLite itself said so when lint tried it on a "
                    + "throwaway table); the migration will fail",
            "rebuild the table "
                    + "instead (CREATE TABLE new, INSERT INTO new SELECT ... FROM old, DROP TABLE old, ALTER TABLE new "
                    + "RENAME TO old; see https://www.sqlite.org/lang_altertable.html#otheralter)"),

    /**
     * A row whose foreign key points at no parent row.
     */
    FOREIGN_KEY_VIOLATION(
            "row violates a foreign key after migrating (PRAGMA foreign_key_check)",
            "fix or delete the orphan rows in a new migration, or add the missing parent rows");

    private final String problem;

    private final String fix;

    LintRule(String problem, String fix) {
        this.problem = problem;
        this.fix = fix;
    }

    public String problem() {
        return this.problem;
    }

    public String fix() {
        return this.fix;
    }
}
