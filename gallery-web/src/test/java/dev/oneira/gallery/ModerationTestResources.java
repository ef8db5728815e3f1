package dev.oneira.gallery;

import java.util.Map;

import dev.oneira.store.ObjectStore;
import dev.oneira.store.ObjectStoreConfig;
import dev.oneira.testing.TestKafka;
import dev.oneira.testing.TestPostgres;
import dev.oneira.testing.TestS3;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The real broker, S3Proxy and PostgreSQL as in {@link GalleryTestResources}, with the {@link FakeWorker}
 * in place of the dream worker (the held path without the network). X-Forwarded-For is honoured from
 * 127.0.0.1, so a test can speak as several clients (reports, login throttle).
 */
public class ModerationTestResources implements QuarkusTestResourceLifecycleManager {

    private static final String ACCESS_KEY = "moderation-test";
    private static final String SECRET_KEY = "moderation-test-secret";
    private static final String BUCKET = "oneira";

    private TestKafka kafka;
    private TestS3 s3;
    private ObjectStore store;
    private FakeWorker worker;

    @Override
    public Map<String, String> start() {
        kafka = TestKafka.start();
        s3 = TestS3.start(ACCESS_KEY, SECRET_KEY);
        s3.createBucket(BUCKET);
        store = ObjectStore.open(ObjectStoreConfig.compatible(s3.endpoint(), BUCKET, ACCESS_KEY, SECRET_KEY));
        worker = new FakeWorker(kafka.bootstrapServers(), store);
        TestPostgres.Database db = TestPostgres.newDatabase("moderation");
        return Map.ofEntries(
                Map.entry("quarkus.datasource.jdbc.url", db.jdbcUrl()),
                Map.entry("quarkus.datasource.username", TestPostgres.USER),
                Map.entry("quarkus.datasource.password", TestPostgres.PASSWORD),
                Map.entry("kafka.bootstrap.servers", kafka.bootstrapServers()),
                Map.entry("oneira.store.endpoint", s3.endpoint()),
                Map.entry("oneira.store.access-key", ACCESS_KEY),
                Map.entry("oneira.store.secret-key", SECRET_KEY),
                Map.entry("oneira.store.bucket", BUCKET),
                Map.entry("quarkus.http.proxy.proxy-address-forwarding", "true"),
                Map.entry("quarkus.http.proxy.allow-x-forwarded", "true"),
                Map.entry("quarkus.http.proxy.trusted-proxies", "127.0.0.1"));
    }

    @Override
    public synchronized void stop() {
        if (worker != null) {
            worker.close();
        }
        if (store != null) {
            store.close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }
}
