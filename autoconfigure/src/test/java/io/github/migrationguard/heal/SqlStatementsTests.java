package io.github.migrationguard.heal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlStatementsTests {

    @Test
    void splitsAtSemicolonsOutsideQuotesAndComments() {
        assertThat(SqlStatements.split(
                        "INSERT INTO t VALUES ('a;b'); -- c;d\nINSERT INTO \"x;y\" VALUES (1) /* ; */;\n",
                        SqlDialect.STANDARD))
                .containsExactly("INSERT INTO t VALUES ('a;b')", "INSERT INTO \"x;y\" VALUES (1) /* ; */");
    }

    @Test
    void keepsTriggerBodiesWhole() {
        String trigger = "CREATE TRIGGER t_audit AFTER INSERT ON t BEGIN "
                + "INSERT INTO audit VALUES (CASE WHEN new.id > 0 THEN 'up' ELSE 'down' END); "
                + "UPDATE t SET seen = 1; END";
        assertThat(SqlStatements.split(
                        "DROP TRIGGER IF EXISTS t_audit;\n" + trigger + ";\nSELECT 1", SqlDialect.STANDARD))
                .containsExactly("DROP TRIGGER IF EXISTS t_audit", trigger, "SELECT 1");
    }

    @Test
    void leavesOutEmptyStatements() {
        assertThat(SqlStatements.split(" ; -- nothing\n;SELECT 1;;", SqlDialect.STANDARD))
                .containsExactly("SELECT 1");
    }
}
