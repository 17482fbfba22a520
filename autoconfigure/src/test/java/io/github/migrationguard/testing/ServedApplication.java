package io.github.migrationguard.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.util.FileSystemUtils;

/**
 * A {@link GuardedApplication} in a temporary directory of its own, for a {@code @SpringBootTest} that serves it over
 * HTTP: the properties that point the test's context at it, the requests the tests send to its actuator, and the
 * snapshots it holds. One per test class (a static field), deleted after the class.
 */
public final class ServedApplication {

    private final Path dir;

    private final GuardedApplication app;

    private final HttpClient http = HttpClient.newHttpClient();

    private ServedApplication(Path dir) {
        this.dir = dir;
        this.app = new GuardedApplication(dir);
    }

    /**
     * Creates the application in a new temporary directory.
     * @param prefix the directory name's prefix
     * @return the application
     */
    public static ServedApplication inTemporaryDirectory(String prefix) {
        try {
            return new ServedApplication(Files.createTempDirectory(prefix));
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Points the context at the application's database and migrations; for a {@code @DynamicPropertySource}.
     * @param registry the registry
     */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:sqlite:" + this.app.database());
        registry.add("spring.flyway.locations", () -> this.app.migrations().location());
    }

    /**
     * Deletes the directory; for an {@code @AfterAll}.
     * @throws IOException when it cannot be deleted
     */
    public void delete() throws IOException {
        FileSystemUtils.deleteRecursively(this.dir);
    }

    public Path backups() {
        return this.app.backups();
    }

    /**
     * Starts a request to the server the test started.
     * @param port the server's port
     * @param path the path, for example {@code /actuator/migrationguard}
     * @param credentials {@code user:password} for HTTP basic, or {@code null}
     * @return the request
     */
    public HttpRequest.Builder request(int port, String path, @Nullable String credentials) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (credentials != null) {
            builder.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return builder;
    }

    /**
     * Starts a {@code POST} of a JSON body.
     * @param port the server's port
     * @param path the path
     * @param credentials {@code user:password} for HTTP basic, or {@code null}
     * @param json the body
     * @return the request
     */
    public HttpRequest postJson(int port, String path, @Nullable String credentials, String json) {
        return request(port, path, credentials)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    /**
     * Sends a request.
     * @param request the request
     * @return the response, its body as text
     * @throws IOException when the server cannot be reached
     * @throws InterruptedException when interrupted
     */
    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return this.http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Lists the snapshot files in the backup directory whose names start with a label.
     * @param label for example {@code manual}
     * @return the file names
     * @throws IOException when the directory cannot be listed
     */
    public List<String> snapshots(String label) throws IOException {
        if (!Files.isDirectory(backups())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(backups())) {
            return files.map((file) -> file.getFileName().toString())
                    .filter((name) -> name.startsWith(label + "-"))
                    .toList();
        }
    }
}
