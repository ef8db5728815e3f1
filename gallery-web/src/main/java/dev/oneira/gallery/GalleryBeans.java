package dev.oneira.gallery;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

import javax.sql.DataSource;

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

import dev.oneira.gallery.db.DreamRows;
import dev.oneira.gallery.db.EventProjection;
import dev.oneira.gallery.db.RequestPartitions;
import dev.oneira.gallery.db.WorkerSpeeds;
import dev.oneira.gallery.eta.Etas;
import dev.oneira.gallery.db.ProjectionConsumer;
import dev.oneira.gallery.index.DreamIndex;
import dev.oneira.gallery.index.EventFollower;
import dev.oneira.gallery.index.StallPolicy;
import dev.oneira.shared.manifest.ManifestDecodingException;
import dev.oneira.store.ManifestStore;
import dev.oneira.store.ObjectStore;
import dev.oneira.store.ObjectStoreConfig;
import dev.oneira.store.ObjectStoreSettings;
import org.eclipse.microprofile.config.Config;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/** Wires the plain-Java parts: object store and manifests, Kafka producer, the database read model, its projection and the live event follower. */
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
    ManifestStore manifestStore(ObjectStore store) {
        return new ManifestStore(store);
    }

    @Produces
    @Singleton
    DreamRows dreamRows(DataSource dataSource) {
        return new DreamRows(dataSource);
    }

    @Produces
    @Singleton
    Etas etas(DataSource dataSource) {
        return new Etas(new RequestPartitions(dataSource), new WorkerSpeeds(dataSource));
    }

    @Produces
    @Singleton
    EventProjection projection(DreamRows rows, ManifestStore manifests, Etas etas) {
        return new EventProjection(rows, id -> {
            try {
                return manifests.read(id);
            } catch (ManifestDecodingException e) {
                LOG.warnf("dream %s: unreadable manifest, its events are not applied: %s", id, e.getMessage());
                return Optional.empty();
            }
        }, new EventProjection.QueueTables(etas.partitions(), etas.speeds()));
    }

    @Produces
    @Singleton
    DreamIndex index(DreamRows rows, EventProjection projection, GalleryConfig c, Etas etas) {
        return new DreamIndex(rows, projection, new StallPolicy(c.stallAfter()), etas);
    }

    @Produces
    @Singleton
    EventFollower follower(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap, DreamIndex index) {
        return new EventFollower(bootstrap, index);
    }

    void closeFollower(@Disposes EventFollower follower) {
        follower.close();
    }

    @Produces
    @Singleton
    ProjectionConsumer projectionConsumer(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
                                          EventProjection projection, GalleryConfig c) {
        return new ProjectionConsumer(bootstrap, projection, c.appliedEventRetention());
    }

    void closeProjection(@Disposes ProjectionConsumer consumer) {
        consumer.close();
    }

    /**
     * Nothing is read at start: the database holds the read model (Flyway has brought its schema up to
     * date before this runs). The projection joins its consumer group, the follower relays live events.
     * Neither runs for a command such as {@code reindex}.
     */
    void start(@Observes StartupEvent event, ObjectStore store, EventFollower follower, ProjectionConsumer projection) {
        if (GalleryMain.command().isPresent()) {
            return;
        }
        try {
            store.ensureBucket();
        } catch (RuntimeException e) {
            LOG.warnf("object store not reachable at startup: %s", e.getMessage());
        }
        projection.start();
        follower.start();
    }

    void stop(@Observes ShutdownEvent event, EventFollower follower, ProjectionConsumer projection) {
        follower.close();
        projection.close();
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
