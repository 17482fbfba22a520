package io.github.migrationguard.restore;

/**
 * Plain settings of restore and rehearsal, free of Spring Boot.
 *
 * @param onFailure whether a failed migration restores the snapshot taken in the same run
 * @param from {@code latest} or a snapshot file name to restore at startup, or {@code null}
 * @param force whether a restore request already carried out is carried out again
 * @param rehearse whether pending migrations run against a throwaway copy first
 * @param ifMissing whether a missing database file is restored from the newest snapshot before migrating
 */
public record RestoreSettings(boolean onFailure, String from, boolean force, boolean rehearse, boolean ifMissing) {

    /**
     * The {@code restore.from} value that picks the newest snapshot that is not a {@code pre-restore} one.
     */
    public static final String LATEST = "latest";

    /**
     * Returns the defaults: restore on failure, no restore request, no rehearsal.
     * @return the default settings
     */
    public static RestoreSettings defaults() {
        return new RestoreSettings(true, null, false, false, false);
    }

    public RestoreSettings(boolean onFailure, String from, boolean force, boolean rehearse) {
        this(onFailure, from, force, rehearse, false);
    }

    /**
     * Whether a restore at startup was asked for.
     * @return whether {@code from} is set
     */
    public boolean requested() {
        return this.from != null && !this.from.isBlank();
    }
}
