package dev.oneira.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged dream worker ({@code dream-worker/target/quarkus-app/quarkus-run.jar}) as a process
 * of its own, configured the way a deployment configures it: by environment variables, pointed at
 * a {@link TestKafka} and a {@link TestS3}. Its output goes to a log file.
 */
public final class WorkerProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private WorkerProcess(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    /**
     * @param jar        the worker's quarkus-run.jar
     * @param name       the worker's id (in events and manifests)
     * @param grace      how long a dream in flight may go on after SIGTERM
     * @param systemProperties extra {@code -Dkey=value} arguments, e.g. a shorter progress interval
     */
    public static WorkerProcess start(Path jar, String name, Path log, TestKafka kafka, TestS3 s3, String bucket,
                                      Duration grace, List<String> systemProperties) {
        return start(jar, name, log, kafka, s3, bucket, grace, systemProperties, Map.of());
    }

    /**
     * As {@link #start(Path, String, Path, TestKafka, TestS3, String, Duration, List)}, with more
     * environment variables, e.g. {@code MODERATION_HOLD_THRESHOLD} as a deployment sets it.
     */
    public static WorkerProcess start(Path jar, String name, Path log, TestKafka kafka, TestS3 s3, String bucket,
                                      Duration grace, List<String> systemProperties, Map<String, String> environment) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the dream worker is not built: " + jar.toAbsolutePath() + " is missing;"
                    + " build it first (./mvnw -pl dream-worker -am package -DskipTests, or the whole reactor)");
        }
        int port = FreePorts.next();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_interop_threads=1", "-Dquarkus.http.host=127.0.0.1"));
        command.addAll(systemProperties);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "OBJECT_STORE_ENDPOINT", s3.endpoint(),
                    "OBJECT_STORE_ACCESS_KEY", s3.accessKey(),
                    "OBJECT_STORE_SECRET_KEY", s3.secretKey(),
                    "OBJECT_STORE_BUCKET", bucket,
                    "DREAM_THREADS", "2",
                    "DREAM_SHUTDOWN_GRACE", grace.toMillis() + "ms",
                    "QUARKUS_HTTP_PORT", Integer.toString(port),
                    "HOSTNAME", name));
            builder.environment().putAll(environment);
            return new WorkerProcess(name, builder.start(), port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the worker: " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    /** Waits up to {@code timeout} for /q/health/ready to answer 200: network loaded, Kafka reachable. */
    public WorkerProcess awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see its log");
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/q/health/ready")).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout);
    }

    /** SIGTERM, as Kubernetes or Ctrl-C sends it. */
    public void terminate() {
        process.destroy();
    }

    /** SIGKILL: the worker dies at once, mid-dream, without a word to Kafka or the store (a crash, an OOM kill). */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
