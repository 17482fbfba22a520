package io.github.migrationguard.heal;

import io.github.migrationguard.sql.SqlDialect;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a migration's normalised SQL: equal fingerprints prove that two versions of a file differ only in
 * comments and whitespace outside quotes.
 */
public final class Fingerprint {

    private static final String PREFIX = "sha256:";

    private Fingerprint() {}

    /**
     * Returns the fingerprint of migration SQL.
     * @param sql the SQL as written in the file
     * @param dialect how the database reads it
     * @return {@code sha256:} and the hex digest of the normalised text
     */
    public static String of(String sql, SqlDialect dialect) {
        String normalized = new SqlNormalizer(dialect).normalize(sql);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every Java runtime has SHA-256", ex);
        }
    }
}
