package io.github.migrationguard.restore;

/**
 * A database left ahead of the application: an older build runs on a database a newer build migrated. Read by
 * health, metrics and the endpoint.
 *
 * @param databaseVersion the newest version applied to the database
 * @param applicationVersion the newest versioned migration the application has
 * @param snapshot file name of the newest {@code pre-migrate} snapshot taken when the database left
 * {@code applicationVersion}, or {@code null} when there is none
 * @param message what it means and what to do, for operators
 */
public record SchemaAhead(String databaseVersion, String applicationVersion, String snapshot, String message) {}
