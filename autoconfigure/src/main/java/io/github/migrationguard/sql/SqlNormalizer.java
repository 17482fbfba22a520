package io.github.migrationguard.sql;

import io.github.migrationguard.sql.SqlToken.Kind;

/**
 * Internal: rewrites migration SQL so that two texts normalise alike only when they differ in nothing but comments and
 * whitespace outside quotes. Every token is kept byte for byte, in order; a gap between two tokens becomes one space,
 * and disappears only where no database could read the tokens differently without it: next to a bracket, comma or
 * semicolon, and between a word or a quote and an operator character.
 */
public final class SqlNormalizer {

    private final SqlDialect dialect;

    private final boolean foldKeywords;

    /**
     * Creates a normaliser for which keyword case counts (fingerprint format 1).
     * @param dialect how the database reads the text
     */
    public SqlNormalizer(SqlDialect dialect) {
        this(dialect, false);
    }

    /**
     * Creates a normaliser.
     * @param dialect how the database reads the text
     * @param foldKeywords whether SQL keywords are upper-cased, so that their letter case does not count
     */
    public SqlNormalizer(SqlDialect dialect, boolean foldKeywords) {
        this.dialect = dialect;
        this.foldKeywords = foldKeywords;
    }

    /**
     * Normalises a text.
     * @param sql the migration SQL
     * @return the normalised text
     */
    public String normalize(String sql) {
        StringBuilder normalized = new StringBuilder(sql.length());
        SqlToken previous = null;
        boolean gap = false;
        for (SqlToken token : SqlLexer.tokenize(sql, this.dialect)) {
            if (token.isGap()) {
                gap = true;
                continue;
            }
            if (previous != null && gap && separates(sql, previous, token)) {
                normalized.append(' ');
            }
            if (this.foldKeywords && token.kind() == Kind.WORD) {
                normalized.append(SqlKeywords.fold(token.text(sql)));
            } else {
                normalized.append(sql, token.start(), token.end());
            }
            previous = token;
            gap = false;
        }
        return normalized.toString();
    }

    private static boolean separates(String sql, SqlToken left, SqlToken right) {
        if (isStructural(sql, left) || isStructural(sql, right)) {
            return false;
        }
        return !(isOperator(sql, left) ^ isOperator(sql, right));
    }

    // brackets, commas and semicolons never join a neighbour into another token
    private static boolean isStructural(String sql, SqlToken token) {
        return token.kind() == Kind.PUNCTUATION && "(),;".indexOf(sql.charAt(token.start())) >= 0;
    }

    // a dot is left out: "1 .5" and "1.5" are not the same tokens
    private static boolean isOperator(String sql, SqlToken token) {
        return token.kind() == Kind.PUNCTUATION && sql.charAt(token.start()) != '.';
    }
}
