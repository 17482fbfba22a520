package io.github.migrationguard.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link RemoteSdkMissingException}: which dependency to add, or which property to remove.
 */
class RemoteSdkMissingFailureAnalyzer extends AbstractFailureAnalyzer<RemoteSdkMissingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RemoteSdkMissingException cause) {
        return new FailureAnalysis(
                cause.getMessage() + ", so snapshots cannot be copied off this machine.",
                "Add the dependency software.amazon.awssdk:s3 (for example through the AWS SDK BOM, or Spring Cloud "
                        + "AWS's S3 starter), or remove migration-guard.remote.uri. See docs/remote.md.",
                cause);
    }
}
