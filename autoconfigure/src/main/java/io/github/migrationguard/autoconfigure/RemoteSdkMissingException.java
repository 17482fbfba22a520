package io.github.migrationguard.autoconfigure;

/**
 * Thrown at startup when {@code migration-guard.remote.uri} is set but the AWS SDK for Java 2.x is not on the class
 * path; {@link RemoteSdkMissingFailureAnalyzer} explains it.
 */
final class RemoteSdkMissingException extends RuntimeException {

    private final String uri;

    RemoteSdkMissingException(String uri) {
        super("migration-guard.remote.uri is set to " + uri + " but the AWS SDK for Java 2.x (S3Client) is not on "
                + "the class path");
        this.uri = uri;
    }

    public String uri() {
        return this.uri;
    }
}
