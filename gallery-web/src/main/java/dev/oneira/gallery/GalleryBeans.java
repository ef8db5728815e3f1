package dev.oneira.gallery;

import java.time.Duration;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.oneira.gallery.index.DreamIndex;
import dev.oneira.gallery.index.EventFollower;
import dev.oneira.gallery.index.StallPolicy;
import dev.oneira.store.ObjectStore;
import dev.oneira.store.ObjectStoreConfig;
import dev.oneira.store.ObjectStoreSettings;
import org.eclipse.microprofile.config.Config;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/** Wires the plain-Java parts: object store, Kafka producer, the index and its event follower. */
@ApplicationScoped
public class GalleryBeans {

    private static final Logger LOG = Logger.getLogger(GalleryBeans.class);

    @Produces
    @Singleton
    ObjectStore objectStore(Config settings) {
        ObjectStoreConfig config = ObjectStoreSettings.read(settings::getOptionalValue);
        LOG.infof("object store: %s", config);
        return ObjectStore.open(config);
    }

    void closeObjectStore(@Disposes ObjectStore store) {
        store.close();
    }

    @Produces
    @Singleton
    RequestSender requestSender(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap, GalleryConfig c) {
        return new KafkaRequestSender(producerProperties(bootstrap, c.requestTimeout()), c.requestTimeout(),
                c.brokerCheckInterval());
    }

    void closeSender(@Disposes RequestSender sender) {
        sender.close();
    }

    @Produces
    @Singleton
    DreamIndex index(ObjectStore store, GalleryConfig c) {
        return new DreamIndex(store, new StallPolicy(c.stallAfter()));
    }

    @Produces
    @Singleton
    EventFollower follower(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap, DreamIndex index,
                           GalleryConfig c) {
        return new EventFollower(bootstrap, index, c.reconcileInterval());
    }

    void closeFollower(@Disposes EventFollower follower) {
        follower.close();
    }

    /** Follow events first (their start position is fixed now), then read the manifests: nothing falls between. */
    void start(@Observes StartupEvent event, ObjectStore store, DreamIndex index, EventFollower follower) {
        try {
            store.ensureBucket();
        } catch (RuntimeException e) {
            LOG.warnf("object store not reachable at startup: %s", e.getMessage());
        }
        follower.start();
    }

    void stop(@Observes ShutdownEvent event, EventFollower follower) {
        follower.close();
    }

    public static Properties producerProperties(String bootstrap, Duration timeout) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "oneira-gallery");
        int ms = (int) Math.max(1000, timeout.toMillis());
        // send() blocks at most this long for metadata when the broker is away...
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Integer.toString(ms));
        // ...and the record is given up after this long (must be >= linger + request timeout).
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(ms));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(ms));
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "2000");
        return p;
    }
}
