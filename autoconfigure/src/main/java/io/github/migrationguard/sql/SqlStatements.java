package io.github.migrationguard.sql;

import io.github.migrationguard.sql.SqlToken.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Internal: splits a migration script into the statements to run one by one: at semicolons outside quotes and comments,
 * and outside the {@code BEGIN ... END} body of a {@code CREATE TRIGGER}.
 */
public final class SqlStatements {

    private final String sql;

    private final List<SqlStatement> statements = new ArrayList<>();

    private final List<String> words = new ArrayList<>();

    private int start = -1;

    private int end = -1;

    private int depth;

    private int line = 1;

    private int lineCounted;

    private SqlStatements(String sql) {
        this.sql = sql;
    }

    /**
     * Splits a script.
     * @param sql the script, placeholders replaced
     * @param dialect how the database reads it
     * @return the statements, without their terminating semicolons; empty ones left out
     */
    public static List<SqlStatement> split(String sql, SqlDialect dialect) {
        SqlStatements splitter = new SqlStatements(sql);
        for (SqlToken token : SqlLexer.tokenize(sql, dialect)) {
            if (!token.isGap()) {
                splitter.accept(token);
            }
        }
        splitter.endStatement(splitter.end);
        return splitter.statements;
    }

    private void accept(SqlToken token) {
        if (token.kind() == Kind.PUNCTUATION && this.sql.charAt(token.start()) == ';' && this.depth == 0) {
            endStatement(token.start());
            return;
        }
        if (this.start < 0) {
            this.start = token.start();
        }
        this.end = token.end();
        if (token.kind() == Kind.WORD) {
            String word = token.text(this.sql).toUpperCase(Locale.ROOT);
            this.words.add(word);
            this.depth += blockStep(word);
        }
    }

    private void endStatement(int statementEnd) {
        if (this.start >= 0) {
            this.statements.add(new SqlStatement(lineOf(this.start), this.sql.substring(this.start, statementEnd)));
        }
        this.start = -1;
        this.words.clear();
    }

    // statements come in order, so the newlines before each are counted once
    private int lineOf(int index) {
        for (; this.lineCounted < index; this.lineCounted++) {
            if (this.sql.charAt(this.lineCounted) == '\n') {
                this.line++;
            }
        }
        return this.line;
    }

    private int blockStep(String word) {
        if (!isTrigger()) {
            return 0;
        }
        if (word.equals("BEGIN") || (word.equals("CASE") && this.depth > 0)) {
            return 1;
        }
        return (word.equals("END") && this.depth > 0) ? -1 : 0;
    }

    private boolean isTrigger() {
        int n = Math.min(this.words.size(), 5);
        return this.words.size() > 1
                && this.words.get(0).equals("CREATE")
                && this.words.subList(1, n).contains("TRIGGER");
    }
}
