package io.github.migrationguard.sql;

import io.github.migrationguard.sql.SqlToken.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits migration SQL into tokens the way the database reads it, so that only what is outside string literals and
 * quoted identifiers can ever be treated as whitespace or comment. Unterminated quotes and comments run to the end
 * of the text, which keeps everything after them byte-exact.
 */
final class SqlLexer {

    private final String sql;

    private final SqlDialect dialect;

    private int position;

    private SqlLexer(String sql, SqlDialect dialect) {
        this.sql = sql;
        this.dialect = dialect;
    }

    /**
     * Returns the tokens of a text, gaps included, covering every character once.
     * @param sql the text
     * @param dialect how the database reads it
     * @return the tokens in order
     */
    static List<SqlToken> tokenize(String sql, SqlDialect dialect) {
        return new SqlLexer(sql, dialect).tokens();
    }

    private List<SqlToken> tokens() {
        List<SqlToken> tokens = new ArrayList<>();
        while (this.position < this.sql.length()) {
            int start = this.position;
            Kind kind = next();
            tokens.add(new SqlToken(kind, start, this.position));
        }
        return tokens;
    }

    private Kind next() {
        char c = this.sql.charAt(this.position);
        if (Character.isWhitespace(c) || c == '\uFEFF') {
            return whitespace();
        }
        if (startsLineComment()) {
            return toEndOfLine();
        }
        if (startsWith("/*")) {
            return blockComment();
        }
        if (c == '\'' || c == '"' || c == '`') {
            return quoted(c, c);
        }
        if (c == '[' && this.dialect == SqlDialect.STANDARD) {
            return quoted('[', ']');
        }
        if (c == '$') {
            return dollar();
        }
        if (isWordChar(c)) {
            return word();
        }
        this.position++;
        return Kind.PUNCTUATION;
    }

    private Kind whitespace() {
        while (this.position < this.sql.length()
                && (Character.isWhitespace(this.sql.charAt(this.position))
                        || this.sql.charAt(this.position) == '\uFEFF')) {
            this.position++;
        }
        return Kind.WHITESPACE;
    }

    private boolean startsLineComment() {
        if (this.dialect == SqlDialect.MYSQL) {
            // MySQL reads "1--1" as 1 - -1: a comment needs whitespace (or the end) after the dashes
            return startsWith("#")
                    || (startsWith("--")
                            && (this.position + 2 == this.sql.length()
                                    || Character.isWhitespace(this.sql.charAt(this.position + 2))));
        }
        return startsWith("--");
    }

    private Kind toEndOfLine() {
        int end = this.sql.indexOf('\n', this.position);
        this.position = (end < 0) ? this.sql.length() : end;
        return Kind.COMMENT;
    }

    private Kind blockComment() {
        // "/*!" (MySQL versioned code) and "/*+" (optimizer hints) are read by the database: keep them exact
        boolean executable = this.sql.startsWith("/*!", this.position) || this.sql.startsWith("/*+", this.position);
        int end = this.sql.indexOf("*/", this.position + 2);
        this.position = (end < 0) ? this.sql.length() : end + 2;
        return executable ? Kind.QUOTED : Kind.COMMENT;
    }

    private Kind quoted(char open, char close) {
        boolean backslashEscapes =
                (this.dialect == SqlDialect.MYSQL && open != '`') || (open == '\'' && isEscapeString());
        this.position++;
        while (this.position < this.sql.length()) {
            char c = this.sql.charAt(this.position++);
            if (backslashEscapes && c == '\\') {
                this.position = Math.min(this.position + 1, this.sql.length());
            } else if (c == close) {
                // a doubled closing quote ('', "", ``, and SQL Server's ]]) is part of the name or text
                if (this.position < this.sql.length() && this.sql.charAt(this.position) == close) {
                    this.position++;
                } else {
                    return Kind.QUOTED;
                }
            }
        }
        return Kind.QUOTED;
    }

    // PostgreSQL's E'...' strings read a backslash as an escape, so E'it\'s' is one literal
    private boolean isEscapeString() {
        int e = this.position - 1;
        return e >= 0
                && (this.sql.charAt(e) == 'E' || this.sql.charAt(e) == 'e')
                && (e == 0 || !isWordChar(this.sql.charAt(e - 1)));
    }

    private Kind dollar() {
        if (startsWith("${")) {
            // a Flyway placeholder: "${ name }" is not "${name}", so keep it whole
            int end = this.sql.indexOf('}', this.position);
            this.position = (end < 0) ? this.sql.length() : end + 1;
            return Kind.QUOTED;
        }
        if (this.dialect == SqlDialect.STANDARD) {
            String tag = dollarTag();
            int end = (tag != null) ? this.sql.indexOf(tag, this.position + tag.length()) : -1;
            if (end >= 0) {
                this.position = end + tag.length();
                return Kind.QUOTED;
            }
        }
        return word();
    }

    private String dollarTag() {
        int i = this.position + 1;
        while (i < this.sql.length() && isTagChar(this.sql.charAt(i), i == this.position + 1)) {
            i++;
        }
        return (i < this.sql.length() && this.sql.charAt(i) == '$') ? this.sql.substring(this.position, i + 1) : null;
    }

    private static boolean isTagChar(char c, boolean first) {
        return c == '_' || Character.isLetter(c) || (!first && Character.isDigit(c));
    }

    private Kind word() {
        this.position++;
        while (this.position < this.sql.length()
                && (isWordChar(this.sql.charAt(this.position)) || this.sql.charAt(this.position) == '$')) {
            this.position++;
        }
        return Kind.WORD;
    }

    private static boolean isWordChar(char c) {
        return c == '_' || (c < 128 ? Character.isLetterOrDigit(c) : !Character.isWhitespace(c) && c != '\uFEFF');
    }

    private boolean startsWith(String prefix) {
        return this.sql.startsWith(prefix, this.position);
    }
}
