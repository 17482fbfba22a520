package io.github.migrationguard.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationguard.testing.GuardContextRunners;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.core.io.support.SpringFactoriesLoader;
import software.amazon.awssdk.services.s3.S3Client;

class RemoteSdkMissingTests {

    @TempDir
    Path temp;

    @Test
    void remoteUriWithoutTheSdkFailsStartupWithAnActionToTake() throws Exception {
        Path migrations = Files.createDirectories(this.temp.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__notes.sql"), "CREATE TABLE note (id INTEGER PRIMARY KEY);");
        GuardContextRunners.sqlite(this.temp.resolve("app.db").toString(), "filesystem:" + migrations)
                .withClassLoader(new FilteredClassLoader(S3Client.class))
                .withPropertyValues("migration-guard.remote.uri=s3://bucket/app")
                .run((context) -> {
                    FailureAnalysis analysis =
                            new RemoteSdkMissingFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("migration-guard.remote.uri", "s3://bucket/app");
                    assertThat(analysis.getAction()).contains("software.amazon.awssdk:s3");
                });
    }

    @Test
    void failureAnalyzerIsRegistered() {
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
                        .load(
                                FailureAnalyzer.class,
                                SpringFactoriesLoader.ArgumentResolver.none(),
                                SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> {})))
                .hasAtLeastOneElementOfType(RemoteSdkMissingFailureAnalyzer.class);
    }
}
