package io.github.migrationguard.autoconfigure;

import io.github.migrationguard.snapshot.SnapshotLabel;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.util.unit.DataSize;

/**
 * Checks of property values, so that a bad value fails startup with the property and the value named.
 */
final class PropertyChecks {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static final Pattern VERSION = Pattern.compile("\\d+([._]\\d+)*");

    private static final Pattern FILE_NAME = Pattern.compile("[^/\\\\]+");

    private PropertyChecks() {}

    static int notNegative(String property, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(property + " must be 0 or more, was " + value);
        }
        return value;
    }

    static DataSize notNegative(String property, DataSize value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(property + " must be 0 or more, was " + value);
        }
        return value;
    }

    static String identifier(String property, String value) {
        if (value == null || !IDENTIFIER.matcher(value).matches()) {
            throw new IllegalArgumentException(property + " must be a plain SQL table name (letters, digits and "
                    + "underscores, not starting with a digit), was '" + value + "'");
        }
        return value;
    }

    static List<String> versions(String property, List<String> values) {
        for (String value : values) {
            if (value == null || !VERSION.matcher(value.trim()).matches()) {
                throw new IllegalArgumentException(
                        property + " must list Flyway versions such as 9 or 10.1, found '" + value + "'");
            }
        }
        return values.stream().map(String::trim).toList();
    }

    static String snapshotReference(String property, String value) {
        if (value != null && !value.isBlank() && !FILE_NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(property + " must be 'latest' or the name of a file in the snapshot "
                    + "directory, without a path, was '" + value + "'");
        }
        return (value == null || value.isBlank()) ? null : value.trim();
    }

    static List<String> labels(String property, List<String> values) {
        for (String value : values) {
            if (value == null || SnapshotLabel.of(value.trim()).isEmpty()) {
                throw new IllegalArgumentException(property + " must list snapshot labels (pre-migrate, pre-restore, "
                        + "manual, scheduled), found '" + value + "'");
            }
        }
        return values.stream().map(String::trim).toList();
    }

    static String cron(String property, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!CronExpression.isValidExpression(value.trim())) {
            throw new IllegalArgumentException(property + " must be a Spring cron expression with six fields "
                    + "(second minute hour day month weekday), such as '0 0 3 * * *', was '" + value + "'");
        }
        return value.trim();
    }
}
