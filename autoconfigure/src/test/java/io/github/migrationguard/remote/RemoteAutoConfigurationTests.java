package io.github.migrationguard.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.migrationguard.testing.GuardContextRunners;
import io.github.migrationguard.testing.OnFlywayEvent;
import io.github.migrationguard.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Event;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.FileSystemUtils;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

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
            await().atMost(Duration.ofSeconds(90)).until(() -> copies.state().objects() == 1);
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
            await().atMost(Duration.ofSeconds(90)).until(() -> copies.state().objects() == 1);
        });
        // The disk is lost: no database file, no backup directory
        FileSystemUtils.deleteRecursively(this.db.getParent());
        Files.createDirectories(this.db.getParent());
        remote(bucket)
                .withPropertyValues("migration-guard.restore.if-missing=true")
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                });
        assertThat(TestDatabases.dump(this.db)).containsAll(atV1);
    }

    @Test
    void rollbackDeployGoesBackToTheSnapshotThatIsOnlyInTheBucket() throws Exception {
        String bucket = S3ProxyServer.shared().createBucket("downgrade");
        migration("V2__tags.sql", "CREATE TABLE tag (id INTEGER PRIMARY KEY);");
        remote(bucket).run((context) -> {
            RemoteCopies copies = context.getBean(RemoteCopies.class);
            await().atMost(Duration.ofSeconds(90)).until(() -> copies.state().objects() == 1);
        });
        // The local copy is gone (pruned, or the backup disk replaced), and the older build (V1 only) is deployed again
        FileSystemUtils.deleteRecursively(this.db.resolveSibling("backups"));
        Files.delete(this.migrations.resolve("V2__tags.sql"));
        remote(bucket)
                .withPropertyValues("migration-guard.restore.on-downgrade=true")
                .run((context) -> assertThat(context).hasNotFailed());
        assertThat(schemaVersion()).isEqualTo("1");
        assertThat(notes()).containsExactly("kept off the machine");
    }

    @Test
    void onFailureAbortHasThePreMigrateSnapshotInTheBucketBeforeMigrating() throws Exception {
        String bucket = S3ProxyServer.shared().createBucket("abort");
        migration("V2__tags.sql", "CREATE TABLE tag (id INTEGER PRIMARY KEY);");
        List<String> inBucketWhenMigrating = new CopyOnWriteArrayList<>();
        remote(bucket)
                // Flyway runs callbacks on a connection of their own
                .withPropertyValues(
                        "migration-guard.remote.on-failure=abort", "spring.datasource.hikari.maximum-pool-size=2")
                .withBean(
                        Callback.class,
                        () -> new OnFlywayEvent(
                                Event.BEFORE_MIGRATE, "list-bucket", () -> inBucketWhenMigrating.addAll(keys(bucket))))
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    RemoteCopies copies = context.getBean(RemoteCopies.class);
                    RemoteObject object = copies.bucket().list().get(0);
                    Path local = this.db.resolveSibling("backups").resolve(object.fileName());
                    assertThat(copies.bucket().sha256(object)).isEqualTo(FileDigest.sha256(local));
                    assertThat(inBucketWhenMigrating).containsExactly(object.key());
                });
        assertThat(TestDatabases.dump(this.db)).anyMatch((line) -> line.contains("tag"));
    }

    @Test
    void onFailureAbortFailsStartupWithNothingMigratedWhenTheBucketCannotBeReached() throws Exception {
        migration("V2__tags.sql", "CREATE TABLE tag (id INTEGER PRIMARY KEY);");
        List<String> atV1 = TestDatabases.dump(this.db);
        this.contextRunner
                .withPropertyValues(S3ProxyServer.properties("down", S3ProxyServer.nothingListening()))
                .withPropertyValues("migration-guard.remote.on-failure=abort")
                .run((context) -> assertThat(context)
                        .getFailure()
                        .hasMessageContaining("could not be copied off this machine")
                        .hasMessageContaining("migration-guard.remote.on-failure=abort, so nothing was migrated")
                        .hasMessageContaining("cannot be reached"));
        assertThat(TestDatabases.dump(this.db)).isEqualTo(atV1);
    }

    @Test
    void zstdWithoutItsLibraryFailsStartupNamingThePropertyAndTheDependency() {
        this.contextRunner
                .withClassLoader(new FilteredClassLoader("com.github.luben.zstd"))
                .withPropertyValues(S3ProxyServer.properties("zstd", S3ProxyServer.nothingListening()))
                .withPropertyValues("migration-guard.remote.compression=zstd")
                .run((context) -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("migration-guard.remote.compression")
                        .hasMessageContaining("'zstd'")
                        .hasMessageContaining("com.github.luben:zstd-jni"));
    }

    @Test
    void restoreFromLatestBringsBackTheNewestCopyFromTheBucket() throws Exception {
        String bucket = S3ProxyServer.shared().createBucket("latest");
        String copied = copyAndLoseTheLocalSnapshot(bucket);
        remote(bucket).withPropertyValues("migration-guard.restore.from=latest").run((context) -> {
            assertThat(context).hasNotFailed();
        });
        assertThat(notes()).containsExactly("kept off the machine");
        assertThat(this.db.resolveSibling("backups").resolve(copied)).exists();
    }

    @Test
    void restoreFromANameBringsBackThatCopyFromTheBucket() throws Exception {
        String bucket = S3ProxyServer.shared().createBucket("byname");
        String copied = copyAndLoseTheLocalSnapshot(bucket);
        remote(bucket)
                .withPropertyValues("migration-guard.restore.from=" + copied)
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                });
        assertThat(notes()).containsExactly("kept off the machine");
        assertThat(this.db.resolveSibling("backups").resolve(copied)).exists();
    }

    // Migrates to v2 with a copy of the pre-migrate snapshot in the bucket, writes after it, then deletes every local
    // snapshot: the copy in the bucket is the only way back
    private String copyAndLoseTheLocalSnapshot(String bucket) throws Exception {
        migration("V2__tags.sql", "CREATE TABLE tag (id INTEGER PRIMARY KEY);");
        List<String> copied = new ArrayList<>();
        remote(bucket).run((context) -> {
            RemoteCopies copies = context.getBean(RemoteCopies.class);
            await().atMost(Duration.ofSeconds(90)).until(() -> copies.state().objects() == 1);
            copied.add(copies.bucket().list().get(0).fileName());
        });
        try (Connection connection = TestDatabases.open(this.db);
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO note (body) VALUES ('written after the snapshot')");
        }
        FileSystemUtils.deleteRecursively(this.db.resolveSibling("backups"));
        return copied.get(0);
    }

    private List<String> notes() throws Exception {
        List<String> notes = new ArrayList<>();
        try (Connection connection = TestDatabases.open(this.db);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT body FROM note ORDER BY id")) {
            while (rows.next()) {
                notes.add(rows.getString(1));
            }
        }
        return notes;
    }

    private String schemaVersion() throws Exception {
        try (Connection connection = TestDatabases.open(this.db);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT version FROM flyway_schema_history WHERE success = 1 ORDER BY installed_rank DESC")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static List<String> keys(String bucket) {
        try (S3Client client = S3ProxyServer.shared().client()) {
            return client.listObjectsV2((list) -> list.bucket(bucket)).contents().stream()
                    .map(S3Object::key)
                    .toList();
        }
    }

    private ApplicationContextRunner remote(String bucket) {
        return this.contextRunner.withPropertyValues(S3ProxyServer.shared().properties(bucket));
    }

    private void migration(String name, String sql) throws Exception {
        Files.writeString(this.migrations.resolve(name), sql);
    }
}
