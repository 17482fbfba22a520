package io.github.migrationguard.strategy;

import io.github.migrationguard.values.EnumValues;

/**
 * The steps of a guarded run, in order; a run that stops startup names the step it stopped at.
 */
public enum GuardStep {

    /**
     * Completing a restore that a crash cut short at the previous start.
     */
    COMPLETE_RESTORE,

    /**
     * Restoring the snapshot {@code migration-guard.restore.from} asks for, or a missing database file with
     * {@code migration-guard.restore.if-missing}.
     */
    RESTORE_ON_REQUEST,

    /**
     * One look at Flyway: what this boot will heal and migrate, and what validation refuses.
     */
    PLAN,

    /**
     * Lint of the pending migrations.
     */
    LINT,

    /**
     * The pre-migrate snapshot.
     */
    SNAPSHOT,

    /**
     * The rehearsal on a throwaway copy.
     */
    REHEARSE,

    /**
     * The planned heals, in one transaction.
     */
    HEAL,

    /**
     * Flyway's migrate, and the restore of the snapshot when it fails.
     */
    MIGRATE,

    /**
     * After migrating: foreign key check and fingerprints.
     */
    AFTER_MIGRATE;

    /**
     * Returns the step as health and the endpoint show it.
     * @return the lower-case name with dashes, for example {@code restore-on-request}
     */
    public String value() {
        return EnumValues.of(this);
    }
}
