package io.github.migrationguard.snapshot;

import io.github.migrationguard.values.EnumValues;
import java.util.Arrays;
import java.util.Optional;

/**
 * Why a snapshot was taken; the first part of its file name and the unit of retention.
 */
public enum SnapshotLabel {

    /**
     * Taken at startup before pending migrations are applied.
     */
    PRE_MIGRATE,

    /**
     * Taken of the live database before a snapshot is restored into it.
     */
    PRE_RESTORE,

    /**
     * Taken on request through the endpoint.
     */
    MANUAL,

    /**
     * Taken periodically while the application runs.
     */
    SCHEDULED;

    /**
     * Returns the label as it appears in file names.
     * @return the label, for example {@code pre-migrate}
     */
    public String value() {
        return EnumValues.of(this);
    }

    /**
     * Returns the label whose file-name form is the given text.
     * @param value the file-name form, for example {@code pre-migrate}
     * @return the label, or empty when no label has that form
     */
    public static Optional<SnapshotLabel> of(String value) {
        return Arrays.stream(values())
                .filter((label) -> label.value().equals(value))
                .findFirst();
    }

    @Override
    public String toString() {
        return EnumValues.of(this);
    }
}
