package io.github.migrationguard.lint;

import io.github.migrationguard.sql.SqlDialect;
import io.github.migrationguard.sql.SqlStatement;
import io.github.migrationguard.sql.SqlStatements;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lints the text of one SQL migration for statements that will not do on SQLite what their author thinks.
 */
final class ScriptLinter {

    private static final Pattern PRAGMA_FOREIGN_KEYS = Pattern.compile("^pragma (\\w+\\.)?foreign_keys\\b.*");

    private static final Pattern PRAGMA_JOURNAL_MODE = Pattern.compile("^pragma (\\w+\\.)?journal_mode\\b.*");

    private static final Pattern VACUUM = Pattern.compile("^vacuum\\b.*");

    private static final Pattern ALTER_TABLE = Pattern.compile(
            "^alter\\s+table\\s+((?:\"[^\"]*\"|`[^`]*`|\\[[^]]*]|[^\\s.\"`\\[]+)"
                    + "(?:\\.(?:\"[^\"]*\"|`[^`]*`|\\[[^]]*]|[^\\s.\"`\\[]+))?)\\s.*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private ScriptLinter() {}

    /**
     * Lints a script.
     * @param source the script's name, as findings report it
     * @param script the script text
     * @param transactional whether Flyway runs the script inside a transaction
     * @param alterCheck SQLite, which judges every ALTER TABLE statement
     * @return the findings, in script order
     */
    static List<LintFinding> lint(String source, String script, boolean transactional, SqliteAlterCheck alterCheck) {
        List<LintFinding> findings = new ArrayList<>();
        for (SqlStatement statement : SqlStatements.split(script, SqlDialect.STANDARD)) {
            String sql = statement.collapsed(SqlDialect.STANDARD);
            LintRule rule = check(sql.toLowerCase(Locale.ROOT), transactional);
            if (rule != null) {
                findings.add(new LintFinding(rule, source, statement.line(), sql));
            }
            alterTable(sql, alterCheck)
                    .ifPresent((rejection) -> findings.add(new LintFinding(
                            LintRule.UNSUPPORTED_ALTER_TABLE,
                            source,
                            statement.line(),
                            sql + " (SQLite: " + rejection + ")")));
        }
        return findings;
    }

    /**
     * Whether Flyway's SQLite parser runs a script outside a transaction when nothing says otherwise: it does when
     * one of its statements is a {@code PRAGMA foreign_keys}, which SQLite ignores inside a transaction.
     * @param script the script text
     * @return whether Flyway detects a statement that cannot run in a transaction
     */
    static boolean flywayRunsOutsideTransaction(String script) {
        return SqlStatements.split(script, SqlDialect.STANDARD).stream()
                .map((statement) -> statement.collapsed(SqlDialect.STANDARD).toLowerCase(Locale.ROOT))
                .anyMatch((sql) -> PRAGMA_FOREIGN_KEYS.matcher(sql).matches());
    }

    private static LintRule check(String sql, boolean transactional) {
        if (transactional && PRAGMA_FOREIGN_KEYS.matcher(sql).matches()) {
            return LintRule.PRAGMA_FOREIGN_KEYS;
        }
        if (transactional && PRAGMA_JOURNAL_MODE.matcher(sql).matches()) {
            return LintRule.PRAGMA_JOURNAL_MODE;
        }
        if (transactional && VACUUM.matcher(sql).matches()) {
            return LintRule.VACUUM_IN_TRANSACTION;
        }
        return null;
    }

    /**
     * Returns SQLite's refusal of an ALTER TABLE statement; a form SQLite accepts is never reported.
     */
    private static Optional<String> alterTable(String sql, SqliteAlterCheck alterCheck) {
        Matcher alter = ALTER_TABLE.matcher(sql);
        return alter.matches() ? alterCheck.rejection(alter.group(1), sql) : Optional.empty();
    }
}
