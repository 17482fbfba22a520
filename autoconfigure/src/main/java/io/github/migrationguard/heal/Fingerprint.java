package io.github.migrationguard.heal;

import io.github.migrationguard.sql.SqlDialect;
import io.github.migrationguard.sql.SqlNormalizer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a migration's normalised SQL: equal fingerprints prove that two versions of a file differ only in
 * comments, whitespace outside quotes and the letter case of SQL keywords. The format is versioned so that
 * fingerprints recorded by an earlier release keep proving what they proved: {@code sha256:} (format 1, keyword case
 * counts) and {@code v2:sha256:} (format 2, keyword case does not count).
 */
public final class Fingerprint {

    private static final String V1_PREFIX = "sha256:";

    private static final String V2_PREFIX = "v2:sha256:";

    private Fingerprint() {}

    /**
     * Returns the fingerprint of migration SQL in the current format.
     * @param sql the SQL as written in the file
     * @param dialect how the database reads it
     * @return {@code v2:sha256:} and the hex digest of the normalised text
     */
    public static String of(String sql, SqlDialect dialect) {
        return V2_PREFIX + sha256(new SqlNormalizer(dialect, true).normalize(sql));
    }

    /**
     * Returns the fingerprint of migration SQL in the format of a recorded fingerprint, so that the two compare.
     * @param sql the SQL as written in the file
     * @param dialect how the database reads it
     * @param recorded a recorded fingerprint, of any format
     * @return the fingerprint in the recorded one's format
     */
    public static String like(String sql, SqlDialect dialect, String recorded) {
        if (isCurrent(recorded)) {
            return of(sql, dialect);
        }
        return V1_PREFIX + sha256(new SqlNormalizer(dialect, false).normalize(sql));
    }

    /**
     * Whether a recorded fingerprint is in the current format.
     * @param recorded the recorded fingerprint
     * @return whether it ignores keyword case
     */
    static boolean isCurrent(String recorded) {
        return recorded != null && recorded.startsWith(V2_PREFIX);
    }

    private static String sha256(String normalized) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every Java runtime has SHA-256", ex);
        }
    }
}
