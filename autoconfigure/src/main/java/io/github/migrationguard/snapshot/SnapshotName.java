package io.github.migrationguard.snapshot;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a snapshot file: {@code <label>-<UTC yyyyMMdd'T'HHmmss.SSS'Z'>[-<detail>].db}.
 *
 * @param label why the snapshot was taken
 * @param time when it was taken, to the millisecond
 * @param detail what it was taken for (for example {@code v8-to-v10}), or {@code null}
 */
public record SnapshotName(SnapshotLabel label, Instant time, String detail) {

    static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final Pattern PATTERN =
            Pattern.compile("^(pre-migrate|pre-restore|manual|scheduled)-(\\d{8}T\\d{6}\\.\\d{3}Z)"
                    + "(?:-([\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N}.-]*))?\\.db$");

    private static final Pattern MIGRATION_DETAIL = Pattern.compile("^v([0-9][0-9.]*)-to-v([0-9][0-9.]*)$");

    /** Anything but letters (with their combining marks) and digits of any script, and dots. */
    private static final Pattern UNSAFE = Pattern.compile("[^\\p{L}\\p{M}\\p{N}.]+");

    /** Bytes of UTF-8 a slug may take: the whole file name stays well under the 255 bytes file systems allow. */
    private static final int MAX_SLUG_BYTES = 120;

    public SnapshotName {
        if (label == null) {
            throw new IllegalArgumentException("A snapshot needs a label");
        }
        time = time.truncatedTo(ChronoUnit.MILLIS);
        detail = (detail != null && !detail.isEmpty()) ? slug(detail) : null;
        detail = (detail != null && !detail.isEmpty()) ? detail : null;
    }

    /**
     * Returns the file name for this snapshot.
     * @return the file name
     */
    public String fileName() {
        StringBuilder name = new StringBuilder(this.label.value()).append('-').append(TIMESTAMP.format(this.time));
        if (this.detail != null) {
            name.append('-').append(this.detail);
        }
        return name.append(".db").toString();
    }

    /**
     * Returns the schema version a {@code pre-migrate} snapshot holds: the {@code <from>} of its
     * {@code v<from>-to-v<to>} detail.
     * @return the version, {@code 0} for a database that had none, or empty when the name carries no such detail
     */
    public Optional<String> fromVersion() {
        if (this.detail == null) {
            return Optional.empty();
        }
        Matcher matcher = MIGRATION_DETAIL.matcher(this.detail);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /**
     * Returns the name of the temporary file this snapshot is written to before it is verified.
     * @return a hidden {@code .partial} file name
     */
    public String partialFileName() {
        return "." + fileName() + ".partial";
    }

    /**
     * Returns the same name one millisecond later, to step around a file that already exists.
     * @return the next name
     */
    public SnapshotName next() {
        return new SnapshotName(this.label, this.time.plusMillis(1), this.detail);
    }

    /**
     * Parses a snapshot file name.
     * @param fileName the file name, without a directory
     * @return the parsed name, or empty when the file is not a snapshot
     */
    public static Optional<SnapshotName> parse(String fileName) {
        Matcher matcher = PATTERN.matcher(fileName);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            Instant time = Instant.from(TIMESTAMP.parse(matcher.group(2)));
            return SnapshotLabel.of(matcher.group(1)).map((label) -> new SnapshotName(label, time, matcher.group(3)));
        } catch (DateTimeParseException ex) {
            return Optional.empty();
        }
    }

    /**
     * Turns free text, such as the reason of a manual snapshot, into a lower-case file-name part made of letters and
     * digits of any script, dots and dashes. Composed (NFC) so that the same reason always gives the same bytes,
     * whatever form the client sent.
     * @param text the text
     * @return the slug, possibly empty
     */
    public static String slug(String text) {
        String normalized = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        String slug = trimSeparators(UNSAFE.matcher(normalized).replaceAll("-"));
        return trimSeparators(truncate(slug));
    }

    private static String trimSeparators(String slug) {
        return slug.replaceAll("^[-.\\p{M}]+|[-.]+$", "");
    }

    /** Cuts whole code points (never half a surrogate pair) until the UTF-8 form fits. */
    private static String truncate(String slug) {
        if (slug.getBytes(StandardCharsets.UTF_8).length <= MAX_SLUG_BYTES) {
            return slug;
        }
        StringBuilder cut = new StringBuilder();
        int bytes = 0;
        for (int codePoint : slug.codePoints().toArray()) {
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > MAX_SLUG_BYTES) {
                break;
            }
            cut.appendCodePoint(codePoint);
            bytes += size;
        }
        return cut.toString();
    }
}
