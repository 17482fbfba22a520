package io.github.migrationguard.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.github.migrationguard.strategy.GuardedMigration;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What an operator and a monitoring system see over HTTP after an upgrade: the {@code migrationguard} endpoint (read
 * and write), the {@code migrationGuard} health indicator, and the meters in Prometheus' text format. Also run by
 * scripts/compat.sh on every supported Spring Boot and Java version.
 */
class ActuatorOverHttpTests {

    @TempDir
    static Path dir;

    static ConfigurableApplicationContext app;

    static String base;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void upgradeFromV3ToV4() throws IOException {
        LibraryInstall library = LibraryInstall.in(dir);
        library.upgrade();
        library.addMigration("V4__book_shelf.sql", "ALTER TABLE book ADD COLUMN shelf TEXT;\n");
        app = library.start();
        app.getBean(GuardedMigration.class).awaitSnapshot();
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        base = "http://127.0.0.1:" + port;
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void endpointListsThePreMigrateSnapshotWithItsSchemaVersion() throws Exception {
        DocumentContext json =
                JsonPath.parse(send(get("/actuator/migrationguard")).body());
        List<String> versions = json.read("$.snapshots[?(@.label == 'pre-migrate')].schemaVersion");
        assertThat(versions).containsExactly("3");
        assertThat(json.read("$.lastRun.outcome", String.class)).isEqualTo("SUCCESS");
    }

    @Test
    void endpointPostTakesAManualSnapshot() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/actuator/migrationguard"))
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"reason\":\"before import\"}"))
                .build());
        assertThat(response.statusCode()).isEqualTo(200);
        DocumentContext json = JsonPath.parse(response.body());
        assertThat(json.read("$.label", String.class)).isEqualTo("manual");
        assertThat(json.read("$.outcome", String.class)).isEqualTo("success");
        assertThat(json.read("$.file", String.class)).contains("before-import");
    }

    @Test
    void healthIsUpWithTheLastRun() throws Exception {
        HttpResponse<String> response = send(get("/actuator/health/migrationGuard"));
        assertThat(response.statusCode()).isEqualTo(200);
        DocumentContext json = JsonPath.parse(response.body());
        assertThat(json.read("$.status", String.class)).isEqualTo("UP");
        assertThat(json.read("$.details.schemaVersion", String.class)).isEqualTo("4");
        assertThat(json.read("$.details.lastRun.outcome", String.class)).isEqualTo("SUCCESS");
    }

    @Test
    void prometheusScrapeHasTheSnapshotTimerInTextFormat() throws Exception {
        HttpResponse<String> response = send(get("/actuator/prometheus"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .get()
                .asString()
                .startsWith("text/plain");
        assertThat(response.body().lines())
                .contains("# TYPE migration_guard_snapshot_seconds summary")
                .anyMatch((line) -> line.matches("migration_guard_snapshot_seconds_count\\{.*label=\"pre-migrate\""
                        + ".*outcome=\"success\".*} 1(\\.0)?"));
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).GET().build();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return this.http.send(request, BodyHandlers.ofString());
    }
}
