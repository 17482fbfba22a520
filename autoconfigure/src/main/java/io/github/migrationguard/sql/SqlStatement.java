package io.github.migrationguard.sql;

import java.util.regex.Pattern;

/**
 * Internal: one statement of a SQL script.
 *
 * @param line the line of the script the statement starts on, from 1
 * @param text the statement as written, from its first token to its last, without the terminating semicolon
 */
public record SqlStatement(int line, String text) {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /**
     * Returns the statement on one line, as a pattern reads it best: comments dropped and every run of whitespace,
     * quoted text included, made one space.
     * @param dialect how the database reads the statement
     * @return the collapsed statement
     */
    public String collapsed(SqlDialect dialect) {
        StringBuilder collapsed = new StringBuilder(this.text.length());
        for (SqlToken token : SqlLexer.tokenize(this.text, dialect)) {
            collapsed.append(token.isGap() ? " " : token.text(this.text));
        }
        return WHITESPACE.matcher(collapsed).replaceAll(" ").trim();
    }
}
