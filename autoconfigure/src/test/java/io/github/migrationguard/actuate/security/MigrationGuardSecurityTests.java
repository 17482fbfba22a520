package io.github.migrationguard.actuate.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationguard.testing.ServedApplication;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The endpoint behind the Spring Security configuration of docs/security.md: each cell of its table, and its
 * {@code curl} line, read from that page and run as written.
 */
@SpringBootTest(
        classes = SecuredEndpointApplication.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "management.endpoints.web.exposure.include=health,migrationguard")
class MigrationGuardSecurityTests {

    private static final ServedApplication APP = ServedApplication.inTemporaryDirectory("migration-guard-security");

    private static final String ENDPOINT = "/actuator/migrationguard";

    private static final Path SECURITY_DOC = Path.of("..", "docs", "security.md");

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
    void anonymousReadIsRefused() throws Exception {
        assertThat(read(null).statusCode()).isEqualTo(401);
    }

    @Test
    void anonymousSnapshotIsRefusedAndTakesNone() throws Exception {
        assertThat(snapshot(null, "{\"reason\":\"anonymous\"}").statusCode()).isEqualTo(401);
        assertThat(manualSnapshots()).noneMatch((name) -> name.endsWith("-anonymous.db"));
    }

    @Test
    void viewerReadsSnapshotsAndSettings() throws Exception {
        HttpResponse<String> response = read("viewer:" + SecuredEndpointApplication.VIEWER_PASSWORD);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"snapshots\"", "\"settings\"");
    }

    @Test
    void viewerSnapshotIsForbiddenAndTakesNone() throws Exception {
        HttpResponse<String> response =
                snapshot("viewer:" + SecuredEndpointApplication.VIEWER_PASSWORD, "{\"reason\":\"viewer\"}");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(manualSnapshots()).noneMatch((name) -> name.endsWith("-viewer.db"));
    }

    @Test
    void operatorReadsSnapshotsAndSettings() throws Exception {
        HttpResponse<String> response = read("operator:" + SecuredEndpointApplication.OPERATOR_PASSWORD);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("pre-migrate-");
    }

    @Test
    void operatorTakesASnapshotWithoutACsrfToken() throws Exception {
        HttpResponse<String> response =
                snapshot("operator:" + SecuredEndpointApplication.OPERATOR_PASSWORD, "{\"reason\":\"operator\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"label\":\"manual\"", "\"outcome\":\"success\"");
        assertThat(manualSnapshots()).anyMatch((name) -> name.endsWith("-operator.db"));
    }

    @Test
    void documentedCurlTakesASnapshot() throws Exception {
        String curl = documentedCurl().replace("localhost:8080", "127.0.0.1:" + this.port);
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", curl).redirectErrorStream(true);
        builder.environment().put("OPERATOR_PASSWORD", SecuredEndpointApplication.OPERATOR_PASSWORD);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output).contains("\"label\":\"manual\"", "\"outcome\":\"success\"");
        assertThat(manualSnapshots()).anyMatch((name) -> name.endsWith("-before-import.db"));
    }

    /** The one {@code curl ... -X POST} line of docs/security.md; it reads the password from the environment. */
    private static String documentedCurl() throws IOException {
        Matcher matcher = Pattern.compile("(?m)^curl .*-X POST.*/actuator/migrationguard$")
                .matcher(Files.readString(SECURITY_DOC));
        assertThat(matcher.find()).as("a curl -X POST line in %s", SECURITY_DOC).isTrue();
        String line = matcher.group();
        assertThat(matcher.find())
                .as("only one curl -X POST line in %s", SECURITY_DOC)
                .isFalse();
        return line;
    }

    private HttpResponse<String> read(String credentials) throws Exception {
        return APP.send(APP.request(this.port, ENDPOINT, credentials).GET().build());
    }

    private HttpResponse<String> snapshot(String credentials, String body) throws Exception {
        return APP.send(APP.postJson(this.port, ENDPOINT, credentials, body));
    }

    private static List<String> manualSnapshots() throws IOException {
        return APP.snapshots("manual");
    }
}
