package dev.oneira.worker;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The packaged worker ({@code target/quarkus-app/quarkus-run.jar}) as a process of its own,
 * configured the way a deployment configures it: by environment variables. Its output goes to
 * {@code target/<name>.log}.
 */
final class WorkerProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private WorkerProcess(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    static WorkerProcess start(String name, WorkerTestResources resources, Duration shutdownGrace) throws IOException {
        Path jar = Path.of(System.getProperty("worker.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the worker first (mvn package)");
        }
        int port = freePort();
        Path log = jar.getParent().getParent().resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", resources.bootstrapServers(),
                "OBJECT_STORE_ENDPOINT", resources.s3Endpoint(),
                "OBJECT_STORE_ACCESS_KEY", WorkerTestResources.ACCESS_KEY,
                "OBJECT_STORE_SECRET_KEY", WorkerTestResources.SECRET_KEY,
                "OBJECT_STORE_BUCKET", WorkerTestResources.BUCKET,
                "DREAM_THREADS", "2",
                "DREAM_SHUTDOWN_GRACE", shutdownGrace.toMillis() + "ms",
                "QUARKUS_HTTP_PORT", Integer.toString(port),
                "HOSTNAME", name));
        return new WorkerProcess(name, builder.start(), port);
    }

    String name() {
        return name;
    }

    /** Waits for /q/health/ready to answer 200: network loaded, Kafka reachable. */
    WorkerProcess awaitReady() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see its log");
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/q/health/ready")).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                return r.statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return this;
    }

    /** SIGTERM, as Kubernetes or Ctrl-C sends it. */
    void terminate() {
        process.destroy();
    }

    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean alive() {
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
