package io.github.migrationguard.heal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationguard.sql.SqlDialect;
import io.github.migrationguard.sql.SqlNormalizer;
import org.junit.jupiter.api.Test;

class SqlNormalizerTests {

    @Test
    void lineCommentsAreIgnored() {
        assertSame("CREATE TABLE t (id INT); -- the table\n", "CREATE TABLE t (id INT);");
    }

    @Test
    void blockCommentsAreIgnored() {
        assertSame("CREATE /* a\n multi-line\n comment */ TABLE t (id INT);", "CREATE TABLE t (id INT);");
    }

    @Test
    void quotesInsideCommentsDoNotOpenLiterals() {
        assertSame("-- it's the \"table\" [x] `y` $$ z\nCREATE TABLE t (id INT);", "CREATE TABLE t (id INT);");
        assertSame("/* it's \"odd\" -- */ CREATE TABLE t (id INT);", "CREATE TABLE t (id INT);");
    }

    @Test
    void whitespaceOutsideQuotesIsIgnored() {
        assertSame("CREATE  TABLE\n\tt(\r\n  id   INT ,name TEXT )  ;", "CREATE TABLE t (id INT, name TEXT);");
    }

    @Test
    void byteOrderMarkAndLineEndingsAreIgnored() {
        assertSame("\uFEFFSELECT 1;\r\nSELECT 2;\r\n", "SELECT 1;\nSELECT 2;\n");
    }

    @Test
    void whitespaceThatSeparatesWordsCounts() {
        assertDiffer("SELECT a b FROM t", "SELECT ab FROM t");
    }

    @Test
    void whitespaceBetweenPunctuationCounts() {
        assertDiffer("SELECT 1 < > 2", "SELECT 1 <> 2");
        assertSame("SELECT 1<>2", "SELECT 1 <> 2");
    }

    @Test
    void keywordCaseDoesNotCount() {
        assertSame("create index item_name on item (name);", "CREATE INDEX item_name ON item (name);");
    }

    @Test
    void identifierCaseCounts() {
        assertDiffer("CREATE INDEX Item_Name ON item (name);", "CREATE INDEX item_name ON item (name);");
    }

    @Test
    void keywordCaseInsideQuotesCounts() {
        assertDiffer("SELECT 'select', \"Select\"", "SELECT 'SELECT', \"SELECT\"");
    }

    @Test
    void keywordCaseCountsInTheFirstFingerprintFormat() {
        assertThat(Fingerprint.like("select 1", SqlDialect.STANDARD, "sha256:x"))
                .isNotEqualTo(Fingerprint.like("SELECT 1", SqlDialect.STANDARD, "sha256:x"));
    }

    @Test
    void whitespaceInsideStringLiteralsCounts() {
        assertDiffer("INSERT INTO t VALUES ('a  b');", "INSERT INTO t VALUES ('a b');");
    }

    @Test
    void commentMarkersInsideStringLiteralsAreContent() {
        assertDiffer("SELECT '-- not a comment';", "SELECT '-- not a';");
        assertDiffer("SELECT 'a /* b */ c';", "SELECT 'a  c';");
    }

    @Test
    void doubledQuotesStayInsideTheLiteral() {
        assertDiffer("SELECT 'it''s  here';", "SELECT 'it''s here';");
        assertSame("SELECT 'it''s' -- done\n;", "SELECT 'it''s';");
    }

    @Test
    void adjacentLiteralsAreNotOneLiteralWithADoubledQuote() {
        assertDiffer("SELECT 'a' 'b';", "SELECT 'a''b';");
    }

    @Test
    void whitespaceInsideDoubleQuotedIdentifiersCounts() {
        assertDiffer("CREATE TABLE \"my  table\" (id INT);", "CREATE TABLE \"my table\" (id INT);");
        assertDiffer("SELECT \"a\"\"b  c\" FROM t;", "SELECT \"a\"\"b c\" FROM t;");
    }

    @Test
    void whitespaceInsideBackquotedIdentifiersCounts() {
        assertDiffer("SELECT `a  b` FROM t;", "SELECT `a b` FROM t;");
        assertDiffer("SELECT `a``b  c` FROM t;", "SELECT `a``b c` FROM t;");
    }

    @Test
    void bracketQuotedIdentifiersAreKeptExact() {
        assertDiffer("SELECT [a  b] FROM t;", "SELECT [a b] FROM t;");
        assertDiffer("SELECT [x -- y] FROM t;", "SELECT [x ] FROM t;");
        assertDiffer("SELECT [a]]  b] FROM t;", "SELECT [a]]b] FROM t;");
    }

    @Test
    void dollarQuotedBodiesAreKeptExact() {
        assertDiffer("CREATE FUNCTION f() AS $$ SELECT  1 $$;", "CREATE FUNCTION f() AS $$ SELECT 1 $$;");
        assertDiffer("DO $body$ -- kept\n $$ x $$ $body$;", "DO $body$ $$ x $$ $body$;");
    }

    @Test
    void dollarParametersAreWords() {
        assertSame("SELECT $name  FROM t WHERE id = $1;", "SELECT $name FROM t WHERE id=$1;");
    }

    @Test
    void flywayPlaceholdersAreKeptWhole() {
        assertDiffer("CREATE TABLE ${ prefix }t (id INT);", "CREATE TABLE ${prefix}t (id INT);");
    }

    @Test
    void unterminatedQuotesKeepTheRestExact() {
        assertDiffer("SELECT 'abc  -- x", "SELECT 'abc -- x");
    }

    @Test
    void postgresEscapeStringsReadBackslashEscapes() {
        assertDiffer("SELECT E'it\\'s  here';", "SELECT E'it\\'s here';");
        assertDiffer("SELECT e'\\'  ';", "SELECT e'\\' ';");
    }

    @Test
    void mysqlReadsBackslashEscapesInsideLiterals() {
        SqlNormalizer mysql = new SqlNormalizer(SqlDialect.MYSQL);
        assertThat(mysql.normalize("SELECT 'it\\'s  here';")).isNotEqualTo(mysql.normalize("SELECT 'it\\'s here';"));
    }

    @Test
    void mysqlNeedsWhitespaceAfterDoubleDashForAComment() {
        SqlNormalizer mysql = new SqlNormalizer(SqlDialect.MYSQL);
        assertThat(mysql.normalize("SELECT 1--1;")).isNotEqualTo(mysql.normalize("SELECT 1--2;"));
        assertThat(mysql.normalize("SELECT 1; -- one\n# two\n")).isEqualTo(mysql.normalize("SELECT 1;"));
    }

    @Test
    void executableCommentsAreKeptExact() {
        SqlNormalizer mysql = new SqlNormalizer(SqlDialect.MYSQL);
        assertThat(mysql.normalize("/*!40101 SET  x = 1 */;")).isNotEqualTo(mysql.normalize("/*!40101 SET x = 1 */;"));
    }

    @Test
    void dialectIsChosenFromTheProductName() {
        assertThat(SqlDialect.of("MySQL")).isEqualTo(SqlDialect.MYSQL);
        assertThat(SqlDialect.of("MariaDB")).isEqualTo(SqlDialect.MYSQL);
        assertThat(SqlDialect.of("SQLite")).isEqualTo(SqlDialect.STANDARD);
        assertThat(SqlDialect.of("H2")).isEqualTo(SqlDialect.STANDARD);
    }

    private static void assertSame(String changed, String original) {
        assertThat(Fingerprint.of(changed, SqlDialect.STANDARD))
                .isEqualTo(Fingerprint.of(original, SqlDialect.STANDARD));
    }

    private static void assertDiffer(String changed, String original) {
        assertThat(Fingerprint.of(changed, SqlDialect.STANDARD))
                .isNotEqualTo(Fingerprint.of(original, SqlDialect.STANDARD));
    }
}
