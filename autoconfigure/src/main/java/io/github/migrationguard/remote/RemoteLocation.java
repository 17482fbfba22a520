package io.github.migrationguard.remote;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Internal: where snapshots are copied to: a bucket and a key prefix, parsed from {@code s3://bucket/prefix}.
 *
 * @param bucket the bucket name
 * @param prefix the key prefix without leading or trailing slash, possibly empty
 */
public record RemoteLocation(String bucket, String prefix) {

    /**
     * The property that sets the location.
     */
    public static final String PROPERTY = "migration-guard.remote.uri";

    /**
     * Parses an {@code s3://bucket/prefix} URI.
     * @param uri the URI
     * @return the location
     * @throws IllegalArgumentException naming the property and the value when it is not such a URI
     */
    public static RemoteLocation parse(String uri) {
        URI parsed;
        try {
            parsed = new URI(uri.trim());
        } catch (URISyntaxException ex) {
            throw invalid(uri);
        }
        if (!"s3".equals(parsed.getScheme()) || parsed.getHost() == null || parsed.getQuery() != null) {
            throw invalid(uri);
        }
        String path = (parsed.getPath() != null) ? parsed.getPath() : "";
        return new RemoteLocation(parsed.getHost(), path.replaceAll("^/+|/+$", ""));
    }

    private static IllegalArgumentException invalid(String uri) {
        return new IllegalArgumentException(
                PROPERTY + " must look like s3://bucket/prefix (the prefix is optional), was '" + uri + "'");
    }

    /**
     * Returns the key of an object under the prefix.
     * @param name the object name
     * @return the key
     */
    public String key(String name) {
        return this.prefix.isEmpty() ? name : this.prefix + "/" + name;
    }

    /**
     * Returns the prefix every key of this location starts with, for listing.
     * @return the prefix with a trailing slash, or empty
     */
    public String listPrefix() {
        return this.prefix.isEmpty() ? "" : this.prefix + "/";
    }

    @Override
    public String toString() {
        return "s3://" + this.bucket + (this.prefix.isEmpty() ? "" : "/" + this.prefix);
    }
}
