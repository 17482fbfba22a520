package io.github.migrationguard.remote;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Internal: builds the {@link S3Client} used when the application has none of its own.
 */
public final class S3ClientFactory {

    // S3-compatible servers reject SigV4 requests without a region; AWS's global endpoint accepts this one
    private static final Region FALLBACK_REGION = Region.US_EAST_1;

    private S3ClientFactory() {}

    /**
     * Builds a client. It sends and checks SDK checksums only where S3 requires them: several S3-compatible servers
     * answer 501 to the newer checksum headers. The snapshot's own SHA-256 travels in object metadata instead.
     * @param connection how to reach the server
     * @return the client, to be closed by the caller
     */
    public static S3Client create(RemoteConnection connection) {
        S3ClientBuilder builder = S3Client.builder()
                .forcePathStyle(connection.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (connection.endpoint() != null) {
            builder.endpointOverride(connection.endpoint());
        }
        if (connection.region() != null) {
            builder.region(Region.of(connection.region()));
        } else if (connection.endpoint() != null) {
            builder.region(FALLBACK_REGION);
        }
        builder.credentialsProvider(
                connection.staticCredentials()
                        ? StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(connection.accessKey(), connection.secretKey()))
                        : DefaultCredentialsProvider.builder().build());
        return builder.build();
    }
}
