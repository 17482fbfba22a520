package io.github.migrationguard.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlStatementsTests {

    @Test
    void splitsAtSemicolonsOutsideQuotesAndComments() {
        assertThat(texts("INSERT INTO t VALUES ('a;b'); -- c;d\nINSERT INTO \"x;y\" VALUES (1) /* ; */;\n"))
                .containsExactly("INSERT INTO t VALUES ('a;b')", "INSERT INTO \"x;y\" VALUES (1) /* ; */");
    }

    @Test
    void keepsTriggerBodiesWhole() {
        String trigger = "CREATE TRIGGER t_audit AFTER INSERT ON t BEGIN "
                + "INSERT INTO audit VALUES (CASE WHEN new.id > 0 THEN 'up' ELSE 'down' END); "
                + "UPDATE t SET seen = 1; END";
        assertThat(texts("DROP TRIGGER IF EXISTS t_audit;\n" + trigger + ";\nSELECT 1"))
                .containsExactly("DROP TRIGGER IF EXISTS t_audit", trigger, "SELECT 1");
    }

    @Test
    void leavesOutEmptyStatements() {
        assertThat(texts(" ; -- nothing\n;SELECT 1;;")).containsExactly("SELECT 1");
    }

    @Test
    void givesTheLineEachStatementStartsOn() {
        String script = "-- header\n\nSELECT 1;\n/* two\n lines */ SELECT\n 'a\nb';\n\n  SELECT 3";
        assertThat(SqlStatements.split(script, SqlDialect.STANDARD))
                .extracting(SqlStatement::line)
                .containsExactly(3, 5, 9);
    }

    @Test
    void collapsesCommentsAndWhitespace() {
        SqlStatement statement = SqlStatements.split(
                        "SELECT /* the\n answer */ 42 -- why\n,\t'a  b'", SqlDialect.STANDARD)
                .get(0);
        assertThat(statement.collapsed(SqlDialect.STANDARD)).isEqualTo("SELECT 42 , 'a b'");
    }

    private static List<String> texts(String sql) {
        return SqlStatements.split(sql, SqlDialect.STANDARD).stream()
                .map(SqlStatement::text)
                .toList();
    }
}
