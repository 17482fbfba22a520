package io.github.migrationguard.heal;

import java.nio.file.Paths;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * Replaces Flyway placeholders in migration SQL the way Flyway does before running it (when placeholder replacement is
 * on for the script): the configured placeholders
 * (names compared without case) and Flyway's built-in {@code flyway:*} ones that depend on the configuration alone.
 */
final class Placeholders {

    private final Configuration configuration;

    private final String schema;

    Placeholders(Configuration configuration, String schema) {
        this.configuration = configuration;
        this.schema = schema;
    }

    /**
     * Replaces the placeholders of a script.
     * @param sql the script text
     * @param script the script name, for {@code flyway:filename} and error messages
     * @return the text Flyway would run
     */
    String replace(String sql, String script) {
        Map<String, String> values = values(script);
        String prefix = this.configuration.getPlaceholderPrefix();
        String suffix = this.configuration.getPlaceholderSuffix();
        StringBuilder replaced = new StringBuilder(sql.length());
        int from = 0;
        int start;
        while ((start = sql.indexOf(prefix, from)) >= 0) {
            int end = sql.indexOf(suffix, start + prefix.length());
            if (end < 0) {
                break;
            }
            String name = sql.substring(start + prefix.length(), end);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalStateException("No value provided for placeholder " + prefix + name + suffix + " in "
                        + script + ": set it in spring.flyway.placeholders");
            }
            replaced.append(sql, from, start).append(value);
            from = end + suffix.length();
        }
        return replaced.append(sql, from, sql.length()).toString();
    }

    private Map<String, String> values(String script) {
        Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        values.put("flyway:table", this.configuration.getTable());
        values.put("flyway:filename", Paths.get(script).getFileName().toString());
        values.put("flyway:workingDirectory", Paths.get("").toAbsolutePath().toString());
        values.put("flyway:timestamp", Instant.now().toString());
        if (this.schema != null) {
            values.put("flyway:defaultSchema", this.schema);
        }
        values.putAll(this.configuration.getPlaceholders());
        return values;
    }
}
