package io.github.migrationguard.actuate.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.github.migrationguard.testing.ServedApplication;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(
        classes = EndpointTestApplication.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "management.endpoints.web.exposure.include=health,migrationguard",
            "management.endpoint.health.show-details=always"
        })
// Closed after the class (pool included): its database file is deleted then
@DirtiesContext
class MigrationGuardEndpointWebTests {

    private static final ServedApplication APP = ServedApplication.inTemporaryDirectory("migration-guard-endpoint");

    @Value("${local.server.port}")
    private int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        APP.register(registry);
    }

    @AfterAll
    static void deleteDirectory() throws IOException {
        APP.delete();
    }

    @Test
    void readListsSnapshotsWithTheSchemaVersionInsideEachFile() throws Exception {
        DocumentContext json = get("/actuator/migrationguard");
        List<Map<String, Object>> preMigrate = json.read("$.snapshots[?(@.label == 'pre-migrate')]");
        assertThat(preMigrate).singleElement().satisfies((snapshot) -> {
            assertThat((String) snapshot.get("name")).endsWith("-v1-to-v2.db");
            assertThat(snapshot.get("schemaVersion")).isEqualTo("1");
            assertThat(((Number) snapshot.get("sizeBytes")).longValue()).isPositive();
            assertThat(snapshot.get("time")).asString().matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        });
    }

    @Test
    void readLeavesEachSnapshotAStandaloneFile() throws Exception {
        get("/actuator/migrationguard");
        try (Stream<Path> files = Files.list(APP.backups())) {
            assertThat(files.map((file) -> file.getFileName().toString()))
                    .allMatch((name) -> name.endsWith(".db") || name.endsWith(".db.reason"));
        }
    }

    @Test
    void readShowsTheLastRunHealsAndEffectiveSettings() throws Exception {
        DocumentContext json = get("/actuator/migrationguard");
        assertThat(json.read("$.lastRun.outcome", String.class)).isEqualTo("SUCCESS");
        assertThat(json.read("$.lastRun.fromVersion", String.class)).isEqualTo("1");
        assertThat(json.read("$.lastRun.toVersion", String.class)).isEqualTo("2");
        assertThat(json.read("$.heals", List.class)).isEmpty();
        assertThat(json.read("$.settings['snapshot.keep']", Integer.class)).isEqualTo(5);
        assertThat(json.read("$.settings['lint.fail-on']", String.class)).isEqualTo("never");
        assertThat(json.read("$.settings['snapshot.method']", String.class)).isEqualTo("auto");
        assertThat(json.read("$.settings['snapshot.dir']", String.class))
                .isEqualTo(APP.backups().toString());
    }

    @Test
    void postKeepsTheWholeReasonAndLettersOfEveryScriptInTheName() throws Exception {
        DocumentContext taken = post("/actuator/migrationguard", "{\"reason\":\"héllo wörld 日本語\"}");
        assertThat(taken.read("$.reason", String.class)).isEqualTo("héllo wörld 日本語");
        String name = Path.of(taken.read("$.file", String.class)).getFileName().toString();
        assertThat(name).endsWith("-héllo-wörld-日本語.db");
        List<String> reasons = get("/actuator/migrationguard").read("$.snapshots[?(@.name == '" + name + "')].reason");
        assertThat(reasons).containsExactly("héllo wörld 日本語");
    }

    @Test
    void postTakesAManualSnapshotNamedAfterTheReason() throws Exception {
        DocumentContext taken = post("/actuator/migrationguard", "{\"reason\":\"Before import\"}");
        assertThat(taken.read("$.label", String.class)).isEqualTo("manual");
        assertThat(taken.read("$.outcome", String.class)).isEqualTo("success");
        Path file = Path.of(taken.read("$.file", String.class));
        assertThat(file.getFileName().toString()).endsWith("-before-import.db");
        assertThat(Files.isRegularFile(file)).isTrue();
        List<String> versions = get("/actuator/migrationguard")
                .read("$.snapshots[?(@.name == '" + file.getFileName() + "')].schemaVersion");
        assertThat(versions).containsExactly("2");
    }

    @Test
    void postWithoutReasonTakesAManualSnapshot() throws Exception {
        DocumentContext taken = post("/actuator/migrationguard", "");
        assertThat(taken.read("$.outcome", String.class)).isEqualTo("success");
        assertThat(Path.of(taken.read("$.file", String.class)).getFileName().toString())
                .matches("manual-\\d{8}T\\d{6}\\.\\d{3}Z\\.db");
    }

    @Test
    void postWithAnEmptyJsonObjectTakesAManualSnapshot() throws Exception {
        DocumentContext taken = post("/actuator/migrationguard", "{}");
        assertThat(taken.read("$.outcome", String.class)).isEqualTo("success");
        assertThat(taken.read("$", Map.class)).doesNotContainKey("reason");
    }

    @Test
    void postWithoutJsonContentTypeIsRefusedAsTheDocsSay() throws Exception {
        HttpResponse<String> response = APP.send(APP.request(this.port, "/actuator/migrationguard", null)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(response.statusCode()).isEqualTo(415);
    }

    @Test
    void healthShowsTheMigrationGuardComponentWithItsDetails() throws Exception {
        DocumentContext json = get("/actuator/health/migrationGuard");
        assertThat(json.read("$.status", String.class)).isEqualTo("UP");
        Map<String, Object> details = json.read("$.details");
        assertThat(details)
                .containsKeys(
                        "database",
                        "schemaVersion",
                        "pending",
                        "lastRun",
                        "lastSnapshot",
                        "snapshots",
                        "backupDir",
                        "healedVersions");
        assertThat(json.read("$.details.lastRun", Map.class))
                .containsKeys("outcome", "applied", "durationMs", "finishedAt");
        assertThat(json.read("$.details.lastSnapshot", Map.class))
                .containsKeys("file", "time", "sizeBytes", "durationMs", "verification", "method", "cloned");
        assertThat(json.read("$.details.snapshots", Map.class)).containsKeys("count", "totalBytes");
        assertThat(json.read("$.details.backupDir", Map.class)).containsKeys("path", "freeBytes", "writable");
    }

    private DocumentContext get(String path) throws Exception {
        return send(APP.request(this.port, path, null).GET().build());
    }

    private DocumentContext post(String path, String body) throws Exception {
        return send(APP.postJson(this.port, path, null, body));
    }

    private static DocumentContext send(HttpRequest request) throws Exception {
        HttpResponse<String> response = APP.send(request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonPath.parse(response.body());
    }
}
