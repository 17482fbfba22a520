package io.github.migrationguard.remote;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server (s3proxy with a filesystem backend) in a separate process, as the remote tests need:
 * one per test JVM, started on first use on a free port, stopped when the JVM exits. Maven copies its jar to
 * {@code target/s3proxy/s3proxy.jar} (system property {@code s3proxy.jar}). The benchmarks use it too, through the
 * test jar.
 */
public final class S3ProxyServer {

    public static final String ACCESS_KEY = "test-access-key";

    public static final String SECRET_KEY = "test-secret-key-not-for-logs";

    private static S3ProxyServer shared;

    private final Path dataDir;

    private final int port;

    private Process process;

    private S3ProxyServer(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    /**
     * Returns the server shared by the tests of this JVM, starting it on first use.
     * @return the running server
     */
    public static synchronized S3ProxyServer shared() {
        if (shared == null) {
            try {
                shared = new S3ProxyServer(Files.createTempDirectory("s3proxy"), freePort());
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            shared.start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::kill));
        }
        return shared;
    }

    /**
     * Returns a server of its own, not started, for a test that kills and restarts it.
     * @param dataDir where it keeps buckets
     * @return the server
     */
    public static S3ProxyServer own(Path dataDir) {
        return new S3ProxyServer(dataDir, freePort());
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + this.port);
    }

    /**
     * Returns an address where no server listens, as for a server that is down.
     * @return the address
     */
    static URI nothingListening() {
        return URI.create("http://127.0.0.1:" + freePort());
    }

    /**
     * Returns the properties that point an application at a bucket of this server.
     * @param bucket the bucket
     * @return {@code migration-guard.remote.*} properties, prefix {@code app}
     */
    String[] properties(String bucket) {
        return properties(bucket, endpoint());
    }

    static String[] properties(String bucket, URI endpoint) {
        return new String[] {
            "migration-guard.remote.uri=s3://" + bucket + "/app",
            "migration-guard.remote.endpoint=" + endpoint,
            "migration-guard.remote.path-style=true",
            "migration-guard.remote.region=us-east-1",
            "migration-guard.remote.access-key=" + ACCESS_KEY,
            "migration-guard.remote.secret-key=" + SECRET_KEY
        };
    }

    /**
     * Creates a bucket with a name of its own, so tests never see each other's objects.
     * @param name a readable part of the name
     * @return the bucket name
     */
    public String createBucket(String name) {
        String bucket = (name + "-" + Long.toHexString(System.nanoTime())).toLowerCase();
        try (S3Client client = client()) {
            client.createBucket((create) -> create.bucket(bucket));
        }
        return bucket;
    }

    public RemoteConnection connection() {
        return new RemoteConnection(endpoint(), "us-east-1", true, ACCESS_KEY, SECRET_KEY);
    }

    S3Client client() {
        return S3ClientFactory.create(connection());
    }

    /**
     * Returns a client configured like {@link S3ClientFactory}'s that also tells the interceptor about every request.
     * @param interceptor the interceptor
     * @return the client
     */
    S3Client client(ExecutionInterceptor interceptor) {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .overrideConfiguration((override) -> override.addExecutionInterceptor(interceptor))
                .build();
    }

    Path dataDir() {
        return this.dataDir;
    }

    public synchronized void start() {
        try {
            Path properties = Files.createTempFile("s3proxy", ".properties");
            Files.write(
                    properties,
                    List.of(
                            "s3proxy.endpoint=" + endpoint(),
                            "s3proxy.authorization=aws-v2-or-v4",
                            "s3proxy.identity=" + ACCESS_KEY,
                            "s3proxy.credential=" + SECRET_KEY,
                            "jclouds.provider=filesystem-nio2",
                            "jclouds.identity=" + ACCESS_KEY,
                            "jclouds.credential=" + SECRET_KEY,
                            "jclouds.filesystem.basedir=" + this.dataDir));
            this.process = new ProcessBuilder(
                            Paths.get(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx256m",
                            "-jar",
                            jar().toString(),
                            "--properties",
                            properties.toString())
                    .redirectErrorStream(true)
                    .start();
            awaitStarted();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Kills the server at once ({@code kill -9}), as a crash or a lost network would.
     */
    public synchronized void kill() {
        if (this.process != null) {
            this.process.destroyForcibly();
            try {
                this.process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            this.process = null;
        }
    }

    private void awaitStarted() {
        CountDownLatch started = new CountDownLatch(1);
        StringBuilder output = new StringBuilder();
        Process running = this.process;
        Thread reader = new Thread(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(running.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    if (line.contains("Started Server")) {
                        started.countDown();
                    }
                }
            } catch (IOException ex) {
                // The process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            if (!started.await(120, TimeUnit.SECONDS)) {
                running.destroyForcibly();
                synchronized (output) {
                    throw new IllegalStateException("s3proxy did not start:\n" + output);
                }
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static Path jar() {
        String configured = System.getProperty("s3proxy.jar");
        Path jar = (configured != null) ? Paths.get(configured) : Paths.get("target", "s3proxy", "s3proxy.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No s3proxy jar at " + jar.toAbsolutePath()
                    + ": run the tests through Maven (process-test-resources copies it)");
        }
        return jar;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
