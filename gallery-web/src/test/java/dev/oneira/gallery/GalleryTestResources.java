package dev.oneira.gallery;

import java.io.File;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/**
 * The real parts: a KRaft Kafka broker (EmbeddedKafkaBroker) and S3Proxy on 127.0.0.1 in the test
 * JVM, and the real dream worker (dream-worker's quarkus-run.jar) as a child process pointed at
 * both, so dreams are actually dreamt. The worker's log goes to target/dream-worker.log.
 */
public class GalleryTestResources implements QuarkusTestResourceLifecycleManager {

    public static final String ACCESS_KEY = "gallery-test";
    public static final String SECRET_KEY = "gallery-test-secret";
    public static final String BUCKET = "oneira";

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Inject {
    }

    private EmbeddedKafkaBroker broker;
    private BlobStoreContext blobs;
    private S3Proxy s3;
    private Process worker;

    @Override
    public Map<String, String> start() {
        try {
            broker = new EmbeddedKafkaBroker()
                    .withKafkaHost("127.0.0.1")
                    .withKafkaPort(freePort())
                    .withControllerPort(freePort())
                    .withDeleteLogDirsOnClose(true)
                    .withAdditionalProperties(p -> {
                        p.put("group.initial.rebalance.delay.ms", "0");
                        p.put("auto.create.topics.enable", "true");
                        p.put("num.partitions", "1");
                    })
                    .start();
            blobs = ContextBuilder.newBuilder("transient").credentials("unused", "unused")
                    .overrides(new Properties()).build(BlobStoreContext.class);
            s3 = S3Proxy.builder()
                    .blobStore(blobs.getBlobStore())
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .build();
            s3.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!"STARTED".equals(s3.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start: " + s3.getState());
                }
                Thread.sleep(10);
            }
            blobs.getBlobStore().createContainerInLocation(null, BUCKET);
            worker = startWorker();
            return Map.of(
                    "kafka.bootstrap.servers", bootstrapServers(),
                    "oneira.store.endpoint", s3Endpoint(),
                    "oneira.store.access-key", ACCESS_KEY,
                    "oneira.store.secret-key", SECRET_KEY,
                    "oneira.store.bucket", BUCKET);
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("cannot start the test broker, S3Proxy and worker: " + e.getMessage(), e);
        }
    }

    private Process startWorker() throws Exception {
        Path jar = Path.of(System.getProperty("oneira.worker.jar", "../dream-worker/target/quarkus-app/quarkus-run.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the dream worker is not built: " + jar.toAbsolutePath()
                    + " is missing; build it first (./mvnw -pl dream-worker -am install -DskipTests, or build the"
                    + " whole reactor)");
        }
        Path log = Path.of("target", "dream-worker.log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-Dai.djl.offline=true",
                "-Dai.djl.pytorch.num_interop_threads=1",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + freePort(),
                // progress events often, so pages and tests see a dream move
                "-Doneira.worker.progress-interval=100ms",
                "-Doneira.worker.retry-attempts=2",
                "-Doneira.worker.retry-initial-backoff=200ms",
                "-jar", jar.toAbsolutePath().toString()));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
        env.put("OBJECT_STORE_ENDPOINT", s3Endpoint());
        env.put("OBJECT_STORE_ACCESS_KEY", ACCESS_KEY);
        env.put("OBJECT_STORE_SECRET_KEY", SECRET_KEY);
        env.put("OBJECT_STORE_BUCKET", BUCKET);
        env.put("DREAM_THREADS", "2");
        env.put("HOSTNAME", "gallery-test-worker");
        env.put("DREAM_SHUTDOWN_GRACE", "2s");
        return pb.start();
    }

    public String bootstrapServers() {
        return broker.getAdvertisedListeners().replace("PLAINTEXT://", "");
    }

    public String s3Endpoint() {
        return "http://127.0.0.1:" + s3.getPort();
    }

    public File workerLog() {
        return Path.of("target", "dream-worker.log").toFile();
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(this,
                new TestInjector.AnnotatedAndMatchesType(Inject.class, GalleryTestResources.class));
    }

    @Override
    public synchronized void stop() {
        if (worker != null) {
            worker.destroy();
            try {
                if (!worker.waitFor(10, TimeUnit.SECONDS)) {
                    worker.destroyForcibly();
                }
            } catch (InterruptedException e) {
                worker.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            worker = null;
        }
        if (s3 != null) {
            try {
                s3.stop();
            } catch (Exception ignored) {
                // closing anyway
            }
            s3 = null;
        }
        if (blobs != null) {
            blobs.close();
            blobs = null;
        }
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
