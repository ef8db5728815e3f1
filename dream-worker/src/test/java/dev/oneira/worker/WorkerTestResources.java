package dev.oneira.worker;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import java.util.Properties;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/**
 * The real parts, in the test JVM: a KRaft Kafka broker (SmallRye's EmbeddedKafkaBroker) and
 * S3Proxy serving S3 over HTTP on 127.0.0.1. Tests get this object through a field marked
 * {@link Inject}, to read addresses and to take the object store down and up again.
 */
public class WorkerTestResources implements QuarkusTestResourceLifecycleManager {

    public static final String ACCESS_KEY = "worker-test";
    public static final String SECRET_KEY = "worker-test-secret";
    public static final String BUCKET = "oneira";

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Inject {
    }

    private EmbeddedKafkaBroker broker;
    private BlobStoreContext blobs;
    private S3Proxy s3;
    private int s3Port;

    @Override
    public Map<String, String> start() {
        try {
            int kafkaPort = freePort();
            int controllerPort = freePort();
            broker = new EmbeddedKafkaBroker()
                    .withKafkaHost("127.0.0.1")
                    .withKafkaPort(kafkaPort)
                    .withControllerPort(controllerPort)
                    .withDeleteLogDirsOnClose(true)
                    .withAdditionalProperties(p -> {
                        p.put("group.initial.rebalance.delay.ms", "0");
                        p.put("auto.create.topics.enable", "true");
                        p.put("num.partitions", "1");
                    })
                    .start();
            // In memory: survives stopping and starting S3Proxy (outage tests), gone with the JVM.
            blobs = ContextBuilder.newBuilder("transient").credentials("unused", "unused")
                    .overrides(new Properties()).build(BlobStoreContext.class);
            s3Port = 0;
            startS3();
            return Map.of(
                    "kafka.bootstrap.servers", bootstrapServers(),
                    "oneira.store.endpoint", s3Endpoint(),
                    "oneira.store.access-key", ACCESS_KEY,
                    "oneira.store.secret-key", SECRET_KEY,
                    "oneira.store.bucket", BUCKET);
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("cannot start the test broker and S3Proxy: " + e.getMessage(), e);
        }
    }

    public String bootstrapServers() {
        return broker.getAdvertisedListeners().replace("PLAINTEXT://", "");
    }

    public String s3Endpoint() {
        return "http://127.0.0.1:" + s3Port;
    }

    /** Takes the object store away: connections to it are refused until {@link #startS3()}. */
    public synchronized void stopS3() throws Exception {
        if (s3 != null) {
            s3.stop();
            s3 = null;
        }
    }

    /** Starts S3Proxy (again on the same port, with the same objects). */
    public synchronized void startS3() throws Exception {
        if (s3 != null) {
            return;
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobs.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + s3Port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        s3Port = proxy.getPort();
        s3 = proxy;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(this, new TestInjector.AnnotatedAndMatchesType(Inject.class, WorkerTestResources.class));
    }

    @Override
    public synchronized void stop() {
        try {
            stopS3();
        } catch (Exception ignored) {
            // closing anyway
        }
        if (blobs != null) {
            blobs.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
