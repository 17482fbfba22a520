package io.github.migrationguard.heal;

import io.github.migrationguard.heal.SqlToken.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a migration script into the statements to run one by one: at semicolons outside quotes and comments, and
 * outside the {@code BEGIN ... END} body of a {@code CREATE TRIGGER}.
 */
final class SqlStatements {

    private SqlStatements() {}

    /**
     * Splits a script.
     * @param sql the script, placeholders replaced
     * @param dialect how the database reads it
     * @return the statements, without their terminating semicolons; empty ones left out
     */
    static List<String> split(String sql, SqlDialect dialect) {
        List<String> statements = new ArrayList<>();
        List<String> words = new ArrayList<>();
        int start = -1;
        int end = -1;
        int depth = 0;
        for (SqlToken token : SqlLexer.tokenize(sql, dialect)) {
            if (token.isGap()) {
                continue;
            }
            if (token.kind() == Kind.PUNCTUATION && sql.charAt(token.start()) == ';' && depth == 0) {
                if (start >= 0) {
                    statements.add(sql.substring(start, token.start()));
                }
                start = -1;
                words.clear();
                continue;
            }
            if (start < 0) {
                start = token.start();
            }
            end = token.end();
            if (token.kind() == Kind.WORD) {
                String word = token.text(sql).toUpperCase(Locale.ROOT);
                words.add(word);
                depth += blockStep(words, word, depth);
            }
        }
        if (start >= 0) {
            statements.add(sql.substring(start, end));
        }
        return statements;
    }

    private static int blockStep(List<String> words, String word, int depth) {
        if (!isTrigger(words)) {
            return 0;
        }
        if (word.equals("BEGIN") || (word.equals("CASE") && depth > 0)) {
            return 1;
        }
        return (word.equals("END") && depth > 0) ? -1 : 0;
    }

    private static boolean isTrigger(List<String> words) {
        int n = Math.min(words.size(), 5);
        return words.size() > 1
                && words.get(0).equals("CREATE")
                && words.subList(1, n).contains("TRIGGER");
    }
}
