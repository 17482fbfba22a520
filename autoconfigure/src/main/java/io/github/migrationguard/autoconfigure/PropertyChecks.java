package io.github.migrationguard.autoconfigure;

import io.github.migrationguard.remote.Compression;
import io.github.migrationguard.remote.RemoteLocation;
import io.github.migrationguard.snapshot.SnapshotLabel;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.util.unit.DataSize;

/**
 * Checks of property values, run by {@link GuardSettingsFactory} where the properties become settings. A bad value
 * throws Spring Boot's {@link InvalidConfigurationPropertyValueException}, whose failure analyzer reports the property,
 * the value, where it was set and what is allowed. Each check returns the value as the settings use it (trimmed,
 * blank as unset).
 */
final class PropertyChecks {

    static final String PREFIX = "migration-guard.";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static final Pattern VERSION = Pattern.compile("\\d+([._]\\d+)*");

    private static final Pattern FILE_NAME = Pattern.compile("[^/\\\\]+");

    private PropertyChecks() {}

    static int atLeast(String property, int value, int minimum) {
        if (value < minimum) {
            throw invalid(property, value, "must be " + minimum + " or more");
        }
        return value;
    }

    static long bytes(String property, @Nullable DataSize value) {
        if (value == null || value.isNegative()) {
            throw invalid(property, value, "must be a size of 0 or more, such as 0, 500MB or 2GB");
        }
        return value.toBytes();
    }

    static String identifier(String property, @Nullable String value) {
        if (value == null || !IDENTIFIER.matcher(value).matches()) {
            throw invalid(
                    property,
                    value,
                    "must be a plain SQL table name (letters, digits and underscores, not starting with a digit)");
        }
        return value;
    }

    static List<String> versions(String property, List<String> values) {
        for (String value : values) {
            if (value == null || !VERSION.matcher(value.trim()).matches()) {
                throw invalid(property, values, "must list Flyway versions such as 9 or 10.1, found '" + value + "'");
            }
        }
        return values.stream().map(String::trim).toList();
    }

    static @Nullable String snapshotReference(String property, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!FILE_NAME.matcher(value).matches()) {
            throw invalid(
                    property,
                    value,
                    "must be 'latest' or the name of a file in the snapshot directory, without a path");
        }
        return value.trim();
    }

    static Set<SnapshotLabel> labels(String property, List<String> values) {
        Set<SnapshotLabel> labels = new LinkedHashSet<>();
        for (String value : values) {
            SnapshotLabel label =
                    (value != null) ? SnapshotLabel.of(value.trim()).orElse(null) : null;
            if (label == null) {
                throw invalid(
                        property,
                        values,
                        "must list snapshot labels (pre-migrate, pre-restore, manual, scheduled), found '" + value
                                + "'");
            }
            labels.add(label);
        }
        return labels;
    }

    static @Nullable String cron(String property, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!CronExpression.isValidExpression(value.trim())) {
            throw invalid(
                    property,
                    value,
                    "must be a Spring cron expression with six fields (second minute hour day month weekday), "
                            + "such as '0 0 3 * * *'");
        }
        return value.trim();
    }

    static @Nullable RemoteLocation remoteLocation(String property, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return RemoteLocation.parse(value);
        } catch (IllegalArgumentException ex) {
            throw invalid(property, value, "must look like s3://bucket/prefix (the prefix is optional)");
        }
    }

    static Compression compression(String property, Compression value, ClassLoader classLoader) {
        if (!value.available(classLoader)) {
            throw invalid(
                    property,
                    value.value(),
                    "needs the library com.github.luben:zstd-jni: add it to the application, or set the "
                            + "property to gzip");
        }
        return value;
    }

    static @Nullable String text(@Nullable String value) {
        return (value == null || value.isBlank()) ? null : value;
    }

    private static InvalidConfigurationPropertyValueException invalid(
            String property, @Nullable Object value, String reason) {
        Object shown = (value instanceof Collection<?> values)
                ? String.join(",", values.stream().map(String::valueOf).toList())
                : value;
        return new InvalidConfigurationPropertyValueException(PREFIX + property, shown, reason);
    }
}
