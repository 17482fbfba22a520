package io.github.migrationguard.heal;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Flyway's schema history table, touched one row at a time: never a global {@code repair()}.
 */
final class HistoryTable {

    private final FlywayDatabase database;

    private final String name;

    HistoryTable(FlywayDatabase database, String name) {
        this.database = database;
        this.name = name;
    }

    /**
     * Reads the rows of some applied migrations, as they were applied: Flyway's migration info only describes the file
     * on disk once one is resolved for the version.
     * @param ranks the installed ranks of the rows
     * @return the rows by installed rank
     */
    Map<Integer, HistoryRow> rows(Collection<Integer> ranks) {
        Map<Integer, HistoryRow> rows = new HashMap<>();
        if (ranks.isEmpty()) {
            return rows;
        }
        String in = ranks.stream().map((rank) -> "?").collect(Collectors.joining(", "));
        String sql = "SELECT " + column("installed_rank") + ", " + column("script") + ", " + column("description")
                + " FROM " + this.database.qualify(this.name) + " WHERE "
                + column("installed_rank") + " IN (" + in + ")";
        this.database
                .jdbc()
                .query(
                        sql,
                        (row) -> {
                            rows.put(row.getInt(1), new HistoryRow(row.getString(2), row.getString(3)));
                        },
                        ranks.toArray());
        return rows;
    }

    /**
     * Stores the file's checksum in the row of a drifted migration, provided the row still holds the old one.
     * @param drift the drifted migration
     */
    void realign(ChecksumDrift drift) {
        String sql = "UPDATE " + this.database.qualify(this.name) + " SET " + column("checksum") + " = ? WHERE "
                + column("installed_rank") + " = ? AND " + column("checksum") + " = ?";
        int updated = this.database
                .jdbc()
                .update(sql, drift.localChecksum(), drift.migration().getInstalledRank(), drift.appliedChecksum());
        if (updated != 1) {
            throw new IllegalStateException("The schema history row of version " + drift.version() + " ("
                    + drift.script() + ") changed while it was being healed; restart to validate again");
        }
    }

    private String column(String column) {
        return this.database.quote(column);
    }
}
