package io.github.migrationguard.lint;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs {@code PRAGMA foreign_key_check} on a SQLite database and reports each table with orphan rows, whether or not
 * foreign keys are enforced on the connection.
 */
final class ForeignKeyCheck {

    private static final int MAX_ROWIDS = 10;

    private ForeignKeyCheck() {}

    static List<LintFinding> run(DataSource dataSource) {
        return new JdbcTemplate(dataSource).execute((ConnectionCallback<List<LintFinding>>) ForeignKeyCheck::run);
    }

    private static List<LintFinding> run(Connection connection) throws SQLException {
        if (!"SQLite".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName())) {
            return List.of();
        }
        Map<String, Violations> byTable = new TreeMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA foreign_key_check")) {
            while (rows.next()) {
                String table = rows.getString("table");
                String key = table + " -> " + rows.getString("parent");
                byTable.computeIfAbsent(key, (k) -> new Violations(table)).add(rows.getObject("rowid"));
            }
        }
        return byTable.entrySet().stream()
                .map((entry) -> new LintFinding(
                        LintRule.FOREIGN_KEY_VIOLATION,
                        "table " + entry.getValue().table,
                        0,
                        entry.getKey() + ": " + entry.getValue()))
                .toList();
    }

    private static final class Violations {

        private final String table;

        private int count;

        private final StringBuilder rowids = new StringBuilder();

        Violations(String table) {
            this.table = table;
        }

        void add(Object rowid) {
            this.count++;
            if (this.count <= MAX_ROWIDS) {
                this.rowids.append((this.count > 1) ? ", " : "").append(rowid);
            }
        }

        @Override
        public String toString() {
            String more = (this.count > MAX_ROWIDS) ? ", ..." : "";
            return this.count + " orphan row(s), rowid " + this.rowids + more;
        }
    }
}
