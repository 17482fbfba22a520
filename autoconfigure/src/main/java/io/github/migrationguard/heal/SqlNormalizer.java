package io.github.migrationguard.heal;

import io.github.migrationguard.heal.SqlToken.Kind;

/**
 * Rewrites migration SQL so that two texts normalise alike only when they differ in nothing but comments and
 * whitespace outside quotes. Every token is kept byte for byte, in order; a gap between two tokens becomes one space,
 * and disappears only where no database could read the tokens differently without it (between a word or a quote and
 * punctuation other than a dot).
 */
public final class SqlNormalizer {

    private final SqlDialect dialect;

    public SqlNormalizer(SqlDialect dialect) {
        this.dialect = dialect;
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
            normalized.append(sql, token.start(), token.end());
            previous = token;
            gap = false;
        }
        return normalized.toString();
    }

    private static boolean separates(String sql, SqlToken left, SqlToken right) {
        return !(isPunctuationOtherThanDot(sql, left) ^ isPunctuationOtherThanDot(sql, right));
    }

    private static boolean isPunctuationOtherThanDot(String sql, SqlToken token) {
        return token.kind() == Kind.PUNCTUATION && sql.charAt(token.start()) != '.';
    }
}
