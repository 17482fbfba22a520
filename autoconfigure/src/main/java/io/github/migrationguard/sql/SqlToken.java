package io.github.migrationguard.sql;

/**
 * One token of migration SQL, with its place in the text.
 *
 * @param kind what the token is
 * @param start index of its first character
 * @param end index after its last character
 */
record SqlToken(Kind kind, int start, int end) {

    /**
     * What a token is.
     */
    enum Kind {

        /**
         * A run of whitespace: meaningless between tokens.
         */
        WHITESPACE,

        /**
         * A comment: meaningless between tokens.
         */
        COMMENT,

        /**
         * A keyword, a bare identifier, a number or a parameter.
         */
        WORD,

        /**
         * A quoted string, identifier, dollar-quoted body, placeholder or executable comment: kept byte for byte.
         */
        QUOTED,

        /**
         * One character of punctuation or an operator.
         */
        PUNCTUATION
    }

    /**
     * Whether this token means nothing to the database.
     * @return whether it is whitespace or a comment
     */
    boolean isGap() {
        return this.kind == Kind.WHITESPACE || this.kind == Kind.COMMENT;
    }

    /**
     * Returns the characters of this token.
     * @param sql the text it was read from
     * @return its characters
     */
    String text(String sql) {
        return sql.substring(this.start, this.end);
    }
}
