package io.github.migrationguard.restore;

import org.jspecify.annotations.Nullable;

/**
 * Plain settings of restore, free of Spring Boot.
 *
 * @param onFailure whether a failed migration restores the snapshot taken in the same run
 * @param from {@code latest} or a snapshot file name to restore at startup, or {@code null}
 * @param force whether a restore request already carried out is carried out again
 * @param onDowngrade whether an older build started on a newer database restores the pre-migrate snapshot taken when
 * that database left the build's version
 * @param ifMissing whether a missing database file is restored from the newest snapshot before migrating
 */
public record RestoreSettings(
        boolean onFailure, @Nullable String from, boolean force, boolean onDowngrade, boolean ifMissing) {

    /**
     * The {@code restore.from} value that picks the newest snapshot that is not a {@code pre-restore} one.
     */
    public static final String LATEST = "latest";

    /**
     * Creates settings that leave a database ahead of the application as it is, and a missing database file to be
     * created anew.
     * @param onFailure whether a failed migration restores the snapshot taken in the same run
     * @param from {@code latest} or a snapshot file name to restore at startup, or {@code null}
     * @param force whether a restore request already carried out is carried out again
     */
    public RestoreSettings(boolean onFailure, @Nullable String from, boolean force) {
        this(onFailure, from, force, false, false);
    }

    /**
     * Returns the defaults: restore on failure, no restore request, no restore on downgrade, no restore of a missing
     * file.
     * @return the default settings
     */
    public static RestoreSettings defaults() {
        return new RestoreSettings(true, null, false, false, false);
    }

    /**
     * Whether a restore at startup was asked for.
     * @return whether {@code from} is set
     */
    public boolean requested() {
        return this.from != null && !this.from.isBlank();
    }
}
