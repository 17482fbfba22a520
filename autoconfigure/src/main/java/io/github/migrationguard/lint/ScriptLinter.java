package io.github.migrationguard.lint;

import io.github.migrationguard.sql.SqlDialect;
import io.github.migrationguard.sql.SqlStatement;
import io.github.migrationguard.sql.SqlStatements;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lints the text of one SQL migration for statements that will not do on SQLite what their author thinks.
 */
final class ScriptLinter {

    private static final Pattern PRAGMA_FOREIGN_KEYS = Pattern.compile("^pragma (\\w+\\.)?foreign_keys\\b.*");

    private static final Pattern PRAGMA_JOURNAL_MODE = Pattern.compile("^pragma (\\w+\\.)?journal_mode\\b.*");

    private static final Pattern VACUUM = Pattern.compile("^vacuum\\b.*");

    private static final Pattern ALTER_TABLE =
            Pattern.compile("^alter table (?:\"[^\"]*\"|`[^`]*`|\\[[^]]*]|[^ ]+) (.*)$");

    private static final Pattern SUPPORTED_ALTER = Pattern.compile(
            "^(rename to\\b.*|rename (column )?[^ ]+ to\\b.*|drop (column )?(?!(constraint|primary|foreign|unique|check|index|key)\\b)(\"[^\"]*\"|[^ ]+)$"
                    + "|add (column )?(?!(constraint|primary|foreign|unique|check|index|key)\\b).*)");

    private static final Pattern ADD_COLUMN_FORBIDDEN = Pattern.compile(
            "^add .*(\\bprimary key\\b|\\bunique\\b|\\bdefault (current_time|current_date|current_timestamp|\\()).*");

    private static final Pattern NOT_NULL = Pattern.compile("\\bnot null\\b");

    private static final Pattern DEFAULT = Pattern.compile("\\bdefault\\b");

    private ScriptLinter() {}

    /**
     * Lints a script.
     * @param source the script's name, as findings report it
     * @param script the script text
     * @param transactional whether Flyway runs the script inside a transaction
     * @return the findings, in script order
     */
    static List<LintFinding> lint(String source, String script, boolean transactional) {
        List<LintFinding> findings = new ArrayList<>();
        for (SqlStatement statement : SqlStatements.split(script, SqlDialect.STANDARD)) {
            String sql = statement.collapsed(SqlDialect.STANDARD);
            LintRule rule = check(sql.toLowerCase(Locale.ROOT), transactional);
            if (rule != null) {
                findings.add(new LintFinding(rule, source, statement.line(), sql));
            }
        }
        return findings;
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
        Matcher alter = ALTER_TABLE.matcher(sql);
        if (alter.matches() && !supported(alter.group(1))) {
            return LintRule.UNSUPPORTED_ALTER_TABLE;
        }
        return null;
    }

    private static boolean supported(String action) {
        if (!SUPPORTED_ALTER.matcher(action).matches()) {
            return false;
        }
        if (!action.startsWith("add ")) {
            return true;
        }
        boolean notNullWithoutDefault =
                NOT_NULL.matcher(action).find() && !DEFAULT.matcher(action).find();
        return !ADD_COLUMN_FORBIDDEN.matcher(action).matches() && !notNullWithoutDefault;
    }
}
