package io.github.migrationguard.testing;

import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads Flyway's schema history table as plain rows, every column, for before/after comparisons.
 */
public final class HistoryRows {

    private HistoryRows() {}

    /**
     * Returns every row of a schema history table, ordered by rank.
     * @param dataSource the database
     * @param table the history table name
     * @return the rows, column name to value
     */
    public static List<Map<String, Object>> read(DataSource dataSource, String table) {
        return new JdbcTemplate(dataSource).queryForList("SELECT * FROM \"" + table + "\" ORDER BY \"installed_rank\"");
    }

    /**
     * Returns the row of one version.
     * @param rows the rows
     * @param version the version
     * @return the row
     */
    public static Map<String, Object> version(List<Map<String, Object>> rows, String version) {
        return rows.stream()
                .filter((row) -> version.equals(String.valueOf(row.get("version"))))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No history row for version " + version));
    }

    /**
     * Returns the rows without the one of a version.
     * @param rows the rows
     * @param version the version to leave out
     * @return the other rows
     */
    public static List<Map<String, Object>> without(List<Map<String, Object>> rows, String version) {
        return rows.stream()
                .filter((row) -> !version.equals(String.valueOf(row.get("version"))))
                .toList();
    }
}
