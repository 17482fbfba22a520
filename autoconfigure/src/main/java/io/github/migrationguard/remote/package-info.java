/** Off-machine copies of snapshots in S3-compatible object storage, through the AWS SDK for Java 2.x. */
@NullMarked
package io.github.migrationguard.remote;

import org.jspecify.annotations.NullMarked;
