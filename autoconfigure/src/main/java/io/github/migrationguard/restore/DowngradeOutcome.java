package io.github.migrationguard.restore;

/**
 * Internal: what the check for an older build on a newer database found and did: at most one of the two is set.
 *
 * @param ahead the database is still ahead of the application, or {@code null}
 * @param restore the database was restored to the application's version, or {@code null}
 */
public record DowngradeOutcome(SchemaAhead ahead, RestoreRecord restore) {

    /**
     * The database is not ahead of the application.
     */
    public static final DowngradeOutcome NONE = new DowngradeOutcome(null, null);

    /**
     * Whether the live database was restored, and so changed.
     * @return whether a snapshot was restored
     */
    public boolean restored() {
        return this.restore != null;
    }
}
