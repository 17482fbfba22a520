package io.github.migrationguard.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.migrationguard.testing.GuardContextRunners;
import io.github.migrationguard.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class RemoteAutoConfigurationTests {

    @TempDir
    Path temp;

    private Path db;

    private Path migrations;

    private ApplicationContextRunner contextRunner;

    @BeforeEach
    void applicationAtV1() throws Exception {
        this.db = this.temp.resolve("data/app.db");
        Files.createDirectories(this.db.getParent());
        this.migrations = Files.createDirectories(this.temp.resolve("migrations"));
        migration(
                "V1__notes.sql",
                "CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT);"
                        + "INSERT INTO note (body) VALUES ('kept off the machine');");
        this.contextRunner = GuardContextRunners.sqlite(this.db.toString(), "filesystem:" + this.migrations);
        this.contextRunner.run((context) -> assertThat(context).hasNotFailed());
    }

    @Test
    void preMigrateSnapshotIsCopiedToTheBucket() throws Exception {
        String bucket = S3ProxyServer.shared().createBucket("copy");
        migration("V2__tags.sql", "CREATE TABLE tag (id INTEGER PRIMARY KEY);");
        remote(bucket).run((context) -> {
            assertThat(context).hasNotFailed();
            RemoteCopies copies = context.getBean(RemoteCopies.class);
            await().atMost(Duration.ofSeconds(90)).until(() -> copies.status().objects() == 1);
            assertThat(copies.bucket().list()).singleElement().satisfies((object) -> assertThat(object.fileName())
                    .startsWith("pre-migrate-")
                    .endsWith("-v1-to-v2.db"));
        });
    }

    @Test
    void newMachineComesBackWithTheNewestCopyFromTheBucket() throws Exception {
        String bucket = S3ProxyServer.shared().createBucket("newmachine");
        migration("V2__tags.sql", "CREATE TABLE tag (id INTEGER PRIMARY KEY);");
        List<String> atV1 = TestDatabases.dump(this.db);
        remote(bucket).run((context) -> {
            RemoteCopies copies = context.getBean(RemoteCopies.class);
            await().atMost(Duration.ofSeconds(90)).until(() -> copies.status().objects() == 1);
        });
        // The disk is lost: no database file, no backup directory
        deleteRecursively(this.db.getParent());
        Files.createDirectories(this.db.getParent());
        remote(bucket)
                .withPropertyValues("migration-guard.restore.if-missing=true")
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                });
        assertThat(TestDatabases.dump(this.db)).containsAll(atV1);
    }

    private ApplicationContextRunner remote(String bucket) {
        S3ProxyServer server = S3ProxyServer.shared();
        return this.contextRunner.withPropertyValues(
                "migration-guard.remote.uri=s3://" + bucket + "/app",
                "migration-guard.remote.endpoint=" + server.endpoint(),
                "migration-guard.remote.path-style=true",
                "migration-guard.remote.region=us-east-1",
                "migration-guard.remote.access-key=" + S3ProxyServer.ACCESS_KEY,
                "migration-guard.remote.secret-key=" + S3ProxyServer.SECRET_KEY);
    }

    private void migration(String name, String sql) throws Exception {
        Files.writeString(this.migrations.resolve(name), sql);
    }

    private static void deleteRecursively(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
