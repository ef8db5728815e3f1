package dev.oneira.gallery;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.oneira.testing.TestKafka;
import dev.oneira.testing.TestPostgres;
import dev.oneira.testing.TestS3;
import dev.oneira.testing.WorkerProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The real parts: a KRaft Kafka broker and S3Proxy on 127.0.0.1 in the test JVM, a database of the
 * JVM's PostgreSQL server ({@link TestPostgres}), and the real
 * dream worker (dream-worker's quarkus-run.jar) as a child process pointed at both, so dreams are
 * actually dreamt. The worker's log goes to target/dream-worker.log.
 */
public class GalleryTestResources implements QuarkusTestResourceLifecycleManager {

    public static final String ACCESS_KEY = "gallery-test";
    public static final String SECRET_KEY = "gallery-test-secret";
    public static final String BUCKET = "oneira";

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Inject {
    }

    private TestKafka kafka;
    private TestS3 s3;
    private WorkerProcess worker;

    @Override
    public Map<String, String> start() {
        try {
            kafka = TestKafka.start();
            s3 = TestS3.start(ACCESS_KEY, SECRET_KEY);
            s3.createBucket(BUCKET);
            Path jar = Path.of(System.getProperty("oneira.worker.jar", "../dream-worker/target/quarkus-app/quarkus-run.jar"));
            worker = WorkerProcess.start(jar, "gallery-test-worker", Path.of("target", "dream-worker.log"), kafka, s3,
                    BUCKET, Duration.ofSeconds(2), workerProperties());
            // a fresh database on the JVM's one PostgreSQL server: a fresh bucket and broker get fresh rows
            TestPostgres.Database db = TestPostgres.newDatabase("gallery");
            return Map.of(
                    "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                    "quarkus.datasource.username", TestPostgres.USER,
                    "quarkus.datasource.password", TestPostgres.PASSWORD,
                    "kafka.bootstrap.servers", kafka.bootstrapServers(),
                    "oneira.store.endpoint", s3.endpoint(),
                    "oneira.store.access-key", ACCESS_KEY,
                    "oneira.store.secret-key", SECRET_KEY,
                    "oneira.store.bucket", BUCKET);
        } catch (RuntimeException e) {
            stop();
            throw new IllegalStateException("cannot start the test broker, S3Proxy and worker: " + e.getMessage(), e);
        }
    }

    /** The worker's system properties; a subclass may add its own. */
    protected List<String> workerProperties() {
        return List.of(
                // progress events often, so pages and tests see a dream move
                "-Doneira.worker.progress-interval=100ms",
                "-Doneira.worker.retry-attempts=2",
                "-Doneira.worker.retry-initial-backoff=200ms",
                // ride out a store or broker outage for seconds, not the default 15 min
                "-Doneira.worker.outage-budget=5s");
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(this,
                new TestInjector.AnnotatedAndMatchesType(Inject.class, GalleryTestResources.class));
    }

    @Override
    public synchronized void stop() {
        if (worker != null) {
            try {
                worker.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker = null;
        }
        if (s3 != null) {
            s3.close();
            s3 = null;
        }
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }
}
