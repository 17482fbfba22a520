package io.github.migrationguard.remote;

import java.net.URI;

/**
 * Internal: how to reach the S3-compatible server. Holds the secret key: never log it or show it ({@link #toString()}
 * leaves it out).
 *
 * @param endpoint the server's URL, or {@code null} for AWS
 * @param region the region, or {@code null} for the AWS SDK's default chain
 * @param pathStyle whether to use path-style addressing
 * @param accessKey the static access key, or {@code null} for the AWS SDK's default credentials chain
 * @param secretKey the static secret key, or {@code null}
 */
public record RemoteConnection(URI endpoint, String region, boolean pathStyle, String accessKey, String secretKey) {

    /**
     * Whether static credentials are set.
     * @return whether both keys are set
     */
    public boolean staticCredentials() {
        return this.accessKey != null && this.secretKey != null;
    }

    @Override
    public String toString() {
        return "RemoteConnection[endpoint=" + this.endpoint + ", region=" + this.region + ", pathStyle="
                + this.pathStyle + ", credentials=" + (staticCredentials() ? "static" : "default chain") + "]";
    }
}
