package io.github.migrationguard.sql;

import java.util.Locale;
import java.util.Set;

/**
 * SQLite's keywords (sqlite.org/lang_keywords.html), which SQLite reads whatever their letter case. Formatters
 * upper- or lower-case them across whole folders; identifiers, literals and quoted names are another matter.
 */
final class SqlKeywords {

    private static final Set<String> KEYWORDS = Set.of(("ABORT ACTION ADD AFTER ALL ALTER ALWAYS ANALYZE AND AS ASC "
                    + "ATTACH AUTOINCREMENT BEFORE BEGIN BETWEEN BY CASCADE CASE CAST CHECK COLLATE COLUMN COMMIT "
                    + "CONFLICT CONSTRAINT CREATE CROSS CURRENT CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP DATABASE "
                    + "DEFAULT DEFERRABLE DEFERRED DELETE DESC DETACH DISTINCT DO DROP EACH ELSE END ESCAPE EXCEPT "
                    + "EXCLUDE EXCLUSIVE EXISTS EXPLAIN FAIL FILTER FIRST FOLLOWING FOR FOREIGN FROM FULL GENERATED "
                    + "GLOB GROUP GROUPS HAVING IF IGNORE IMMEDIATE IN INDEX INDEXED INITIALLY INNER INSERT INSTEAD "
                    + "INTERSECT INTO IS ISNULL JOIN KEY LAST LEFT LIKE LIMIT MATCH MATERIALIZED NATURAL NO NOT "
                    + "NOTHING NOTNULL NULL NULLS OF OFFSET ON OR ORDER OTHERS OUTER OVER PARTITION PLAN PRAGMA "
                    + "PRECEDING PRIMARY QUERY RAISE RANGE RECURSIVE REFERENCES REGEXP REINDEX RELEASE RENAME REPLACE "
                    + "RESTRICT RETURNING RIGHT ROLLBACK ROW ROWS SAVEPOINT SELECT SET TABLE TEMP TEMPORARY THEN TIES "
                    + "TO TRANSACTION TRIGGER UNBOUNDED UNION UNIQUE UPDATE USING VACUUM VALUES VIEW VIRTUAL WHEN "
                    + "WHERE WINDOW WITH WITHOUT "
                    // type names, read without case by every database
                    + "INTEGER INT TEXT REAL BLOB NUMERIC VARCHAR CHAR BOOLEAN DATE DATETIME TIMESTAMP BIGINT "
                    + "SMALLINT DECIMAL DOUBLE FLOAT")
            .split(" "));

    private SqlKeywords() {}

    /**
     * Returns a word as the normaliser keeps it: a keyword in upper case, anything else unchanged.
     * @param word a bare word of SQL
     * @return the word to keep
     */
    static String fold(String word) {
        String upper = word.toUpperCase(Locale.ROOT);
        return KEYWORDS.contains(upper) ? upper : word;
    }
}
