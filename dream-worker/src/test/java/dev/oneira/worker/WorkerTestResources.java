package dev.oneira.worker;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import dev.oneira.store.ObjectStore;
import dev.oneira.store.ObjectStoreConfig;
import dev.oneira.shared.messaging.Topics;

import dev.oneira.testing.TestKafka;
import dev.oneira.testing.TestS3;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The real parts, in the test JVM: a KRaft Kafka broker and S3Proxy serving S3 over HTTP on
 * 127.0.0.1. Tests get this object through a field marked {@link Inject}, to read addresses and to
 * take the object store down and up again.
 */
public class WorkerTestResources implements QuarkusTestResourceLifecycleManager {

    public static final String ACCESS_KEY = "worker-test";
    public static final String SECRET_KEY = "worker-test-secret";
    public static final String BUCKET = "oneira";

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Inject {
    }

    private TestKafka kafka;
    private TestS3 s3;

    @Override
    public Map<String, String> start() {
        try {
            kafka = TestKafka.start();
            s3 = TestS3.start(ACCESS_KEY, SECRET_KEY);
            return Map.of(
                    "kafka.bootstrap.servers", kafka.bootstrapServers(),
                    "oneira.store.endpoint", s3.endpoint(),
                    "oneira.store.access-key", ACCESS_KEY,
                    "oneira.store.secret-key", SECRET_KEY,
                    "oneira.store.bucket", BUCKET);
        } catch (RuntimeException e) {
            stop();
            throw new IllegalStateException("cannot start the test broker and S3Proxy: " + e.getMessage(), e);
        }
    }

    public TestKafka kafka() {
        return kafka;
    }

    public TestS3 s3() {
        return s3;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String s3Endpoint() {
        return s3.endpoint();
    }

    /** Takes the object store away: connections to it are refused until {@link #startS3()}. */
    public void stopS3() {
        s3.down();
    }

    /** Starts S3Proxy again on the same port, with the same objects. */
    public void startS3() {
        s3.up();
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(this, new TestInjector.AnnotatedAndMatchesType(Inject.class, WorkerTestResources.class));
    }

    @Override
    public synchronized void stop() {
        if (s3 != null) {
            s3.close();
            s3 = null;
        }
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    /** A client of the test bucket (made if missing), for a test that runs a worker process of its own. */
    public ObjectStore openStore() {
        ObjectStore store = ObjectStore.open(ObjectStoreConfig.compatible(s3Endpoint(), BUCKET, ACCESS_KEY, SECRET_KEY));
        store.ensureBucket();
        return store;
    }

    /** dream-requests and dream-events with one partition each, as a packaged worker's tests want them. */
    public void createRequestAndEventTopics() throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(Topics.DREAM_REQUESTS, 1, (short) 1),
                    new NewTopic(Topics.DREAM_EVENTS, 1, (short) 1))).all().get();
        }
    }
}
