package io.github.migrationguard.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.migrationguard.actuate.MigrationGuardEndpoint;
import io.github.migrationguard.actuate.MigrationGuardEndpoint.MigrationGuardDescriptor;
import io.github.migrationguard.actuate.MigrationGuardEndpoint.StoredSnapshotDescriptor;
import io.github.migrationguard.actuate.MigrationGuardRemoteHealthIndicator;
import io.github.migrationguard.actuate.RemoteObjectsDescriptor.RemoteObjectDescriptor;
import io.github.migrationguard.autoconfigure.MigrationGuardRemoteHealthAutoConfiguration;
import io.github.migrationguard.testing.GuardedApplication;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.FileSystemUtils;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What off-machine copies show: health {@code migrationGuardRemote}, the {@code migration.guard.remote.*} meters and
 * the endpoint's list of objects, against a real S3-compatible server.
 */
class RemoteObservabilityTests {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path temp;

    private final S3ProxyServer server = S3ProxyServer.shared();

    private GuardedApplication app;

    private ApplicationContextRunner runner;

    @BeforeEach
    void applicationWithAPendingMigration() {
        this.app = new GuardedApplication(this.temp);
        this.runner = this.app
                .runner(
                        MigrationGuardRemoteHealthAutoConfiguration.class,
                        EndpointAutoConfiguration.class,
                        MetricsAutoConfiguration.class,
                        SimpleMetricsExportAutoConfiguration.class,
                        CompositeMeterRegistryAutoConfiguration.class)
                .withPropertyValues("management.endpoints.web.exposure.include=migrationguard");
    }

    @Test
    void healthIsUpWithTheBucketTheLastUploadTheObjectsKeptAndNothingPending() {
        String bucket = this.server.createBucket("health");
        this.runner.withPropertyValues(this.server.properties(bucket)).run((context) -> {
            awaitCopied(context);
            Health health =
                    context.getBean(MigrationGuardRemoteHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails())
                    .containsEntry("bucket", "s3://" + bucket + "/app")
                    .containsEntry("objects", 1)
                    .containsEntry("pending", 0);
            assertThat(lastUpload(health))
                    .containsEntry("outcome", "success")
                    .hasEntrySatisfying(
                            "file", (file) -> assertThat((String) file).startsWith("pre-migrate-"));
        });
    }

    @Test
    void healthIsDownWhenTheLastUploadFailed() {
        String missing = "no-such-bucket-" + Long.toHexString(System.nanoTime());
        this.runner.withPropertyValues(this.server.properties(missing)).run((context) -> {
            RemoteCopies copies = context.getBean(RemoteCopies.class);
            await().atMost(WAIT).until(() -> copies.state().lastUpload() != null);
            Health health =
                    context.getBean(MigrationGuardRemoteHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("pending", 1);
            assertThat(lastUpload(health)).containsEntry("outcome", "failure");
            assertThat((String) health.getDetails().get("error")).contains("bucket '" + missing + "' does not exist");
        });
    }

    @Test
    void healthIsDownWhenTheBucketCannotBeReached() {
        this.runner
                .withPropertyValues(S3ProxyServer.properties("down", S3ProxyServer.nothingListening()))
                .run((context) -> {
                    RemoteCopies copies = context.getBean(RemoteCopies.class);
                    await().atMost(WAIT)
                            .until(() -> Boolean.FALSE.equals(copies.state().reachable()));
                    Health health = context.getBean(MigrationGuardRemoteHealthIndicator.class)
                            .health();
                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat((String) health.getDetails().get("error")).contains("cannot be reached");
                    assertThat(health.getDetails()).doesNotContainKey("objects");
                });
    }

    @Test
    void uploadTimerCountsCopiesByLabelAndOutcomeAndGaugesShowPendingAndObjects() {
        String bucket = this.server.createBucket("metrics");
        this.runner.withPropertyValues(this.server.properties(bucket)).run((context) -> {
            awaitCopied(context);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(upload(registry, "pre-migrate", "success").count()).isEqualTo(1);
            assertThat(upload(registry, "pre-migrate", "failure").count()).isZero();
            assertThat(upload(registry, "pre-migrate", "success").totalTime(TimeUnit.NANOSECONDS))
                    .isPositive();
            assertThat(registry.get("migration.guard.remote.pending").gauge().value())
                    .isZero();
            assertThat(registry.get("migration.guard.remote.objects").gauge().value())
                    .isEqualTo(1);
        });
    }

    @Test
    void downloadTimerCountsObjectsFetchedForARestore() throws Exception {
        String bucket = this.server.createBucket("download");
        this.runner.withPropertyValues(this.server.properties(bucket)).run(RemoteObservabilityTests::awaitCopied);
        FileSystemUtils.deleteRecursively(this.app.backups());
        this.runner
                .withPropertyValues(this.server.properties(bucket))
                .withPropertyValues("migration-guard.restore.from=latest")
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(download(registry, "success").count()).isEqualTo(1);
                    assertThat(download(registry, "failure").count()).isZero();
                });
    }

    @Test
    void endpointListsObjectsInTheBucketBesideLocalFilesThroughTheApplicationsS3Client() {
        String bucket = this.server.createBucket("endpoint");
        // No endpoint and no keys: only the application's own client can reach this server
        this.runner
                .withBean(S3Client.class, this.server::client)
                .withPropertyValues("migration-guard.remote.uri=s3://" + bucket + "/app")
                .run((context) -> {
                    awaitCopied(context);
                    MigrationGuardDescriptor read =
                            context.getBean(MigrationGuardEndpoint.class).migrationGuard();
                    StoredSnapshotDescriptor local = read.snapshots().get(0);
                    assertThat(read.remote().location()).isEqualTo("s3://" + bucket + "/app");
                    assertThat(read.remote().error()).isNull();
                    assertThat(read.remote().objects())
                            .singleElement()
                            .satisfies((object) -> assertRemoteCopyOf(object, local));
                });
    }

    private static void assertRemoteCopyOf(RemoteObjectDescriptor object, StoredSnapshotDescriptor local) {
        assertThat(object.name()).isEqualTo(local.name());
        assertThat(object.key()).isEqualTo("app/" + local.name() + RemoteSettings.DEFAULT_COMPRESSION.suffix());
        assertThat(object.sizeBytes()).isPositive();
    }

    private static void awaitCopied(AssertableApplicationContext context) {
        assertThat(context).hasNotFailed();
        RemoteCopies copies = context.getBean(RemoteCopies.class);
        await().atMost(WAIT)
                .until(() ->
                        copies.state().lastUpload() != null && copies.state().pending() == 0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> lastUpload(Health health) {
        return (Map<String, Object>) health.getDetails().get("lastUpload");
    }

    private static FunctionTimer upload(MeterRegistry registry, String label, String outcome) {
        return registry.get("migration.guard.remote.upload")
                .tags("label", label, "outcome", outcome)
                .functionTimer();
    }

    private static FunctionTimer download(MeterRegistry registry, String outcome) {
        return registry.get("migration.guard.remote.download")
                .tags("outcome", outcome)
                .functionTimer();
    }
}
