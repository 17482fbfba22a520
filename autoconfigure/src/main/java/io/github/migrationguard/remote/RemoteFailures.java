package io.github.migrationguard.remote;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns what the AWS SDK throws into messages an operator can act on.
 */
final class RemoteFailures {

    private RemoteFailures() {}

    static RemoteCopyException explain(String action, RemoteLocation location, SdkException ex) {
        return new RemoteCopyException(action + " " + location + " failed: " + reason(location, ex), ex);
    }

    static String reason(RemoteLocation location, SdkException ex) {
        if (ex instanceof S3Exception s3) {
            String code = (s3.awsErrorDetails() != null) ? s3.awsErrorDetails().errorCode() : null;
            int status = s3.statusCode();
            if ("NoSuchBucket".equals(code)) {
                return "bucket '" + location.bucket() + "' does not exist. Create it, or correct "
                        + RemoteLocation.PROPERTY;
            }
            if (status == 401 || status == 403) {
                return "access denied (" + code + "). Check the credentials (migration-guard.remote.access-key and "
                        + "secret-key, or the AWS default chain) and that they may list, read, write and delete "
                        + "under the prefix (docs/remote.md)";
            }
            if (status == 501) {
                return "the server does not implement this request (" + code + "). See docs/remote.md, "
                        + "\"S3-compatible servers\"";
            }
            return "the server answered " + status + " (" + code + "): " + firstLine(s3.getMessage());
        }
        if (ex instanceof SdkClientException) {
            return "the server cannot be reached (" + firstLine(ex.getMessage()) + "). Check "
                    + "migration-guard.remote.endpoint and the network; copies are retried";
        }
        return firstLine(ex.getMessage());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int newline = message.indexOf('\n');
        return (newline >= 0) ? message.substring(0, newline) : message;
    }
}
