package io.github.migrationguard.restore;

import io.github.migrationguard.snapshot.SqlIdentifiers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a database holds, in a form cheap enough to compare after every restore: page size and count, schema and the row
 * count of every table. A restore copies pages one for one, so a restored database and its snapshot agree on all four.
 *
 * @param pageSize {@code PRAGMA page_size}
 * @param pageCount {@code PRAGMA page_count}
 * @param schema every schema object as {@code type name sql}, ordered
 * @param rowCounts the row count of every table, by table name
 */
record DatabaseFingerprint(long pageSize, long pageCount, List<String> schema, Map<String, Long> rowCounts) {

    static DatabaseFingerprint of(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            long pageSize = single(statement, "PRAGMA page_size");
            long pageCount = single(statement, "PRAGMA page_count");
            List<String> schema = new ArrayList<>();
            List<String> tables = new ArrayList<>();
            try (ResultSet rows =
                    statement.executeQuery("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name, tbl_name")) {
                while (rows.next()) {
                    schema.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3));
                    if ("table".equals(rows.getString(1))) {
                        tables.add(rows.getString(2));
                    }
                }
            }
            Map<String, Long> rowCounts = new LinkedHashMap<>();
            for (String table : tables) {
                rowCounts.put(table, single(statement, "SELECT count(*) FROM " + SqlIdentifiers.quote(table)));
            }
            return new DatabaseFingerprint(pageSize, pageCount, schema, rowCounts);
        }
    }

    private static long single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
