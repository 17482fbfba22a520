package io.github.migrationguard.heal;

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
