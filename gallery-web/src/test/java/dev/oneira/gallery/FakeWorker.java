package dev.oneira.gallery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.oneira.shared.event.DreamCompleted;
import dev.oneira.shared.event.DreamEvent;
import dev.oneira.shared.event.DreamHeld;
import dev.oneira.shared.event.DreamRequested;
import dev.oneira.shared.event.EventCodec;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.messaging.Topics;
import dev.oneira.shared.moderation.NsfwScores;
import dev.oneira.shared.moderation.Screening;
import dev.oneira.shared.store.ObjectKeys;
import dev.oneira.store.ManifestStore;
import dev.oneira.store.ObjectStore;

/**
 * A stand-in for the dream worker that speaks the real contracts over the real broker and store, without
 * dreaming: a request is held (manifest HELD with a screening, DreamHeld) while {@link #holdAll} is on
 * and the request carries no approval, as the worker does with MODERATION_HOLD_THRESHOLD=0; otherwise it
 * is "dreamt" at once (the original copied as the dream, manifest DONE, DreamCompleted).
 */
final class FakeWorker implements AutoCloseable {

    /** Screening probabilities of every held photo: explicit (porn + hentai + sexy) 0.9. */
    static final NsfwScores SCORES = new NsfwScores(0.04, 0.1, 0.06, 0.7, 0.1);

    private final ObjectStore store;
    private final ManifestStore manifests;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, String> producer;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private static volatile boolean holdAll;

    FakeWorker(String bootstrap, ObjectStore store) {
        this.store = store;
        this.manifests = new ManifestStore(store);
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, Topics.WORKER_GROUP);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(c);
        producer = new KafkaProducer<>(GalleryBeans.producerProperties(bootstrap, Duration.ofSeconds(10)));
        consumer.subscribe(List.of(Topics.DREAM_REQUESTS));
        thread = new Thread(this::loop, "fake-worker");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether requests without approval are held (threshold 0) or dreamt. */
    static void holdAll(boolean hold) {
        holdAll = hold;
    }

    private void loop() {
        while (running.get()) {
            try {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (EventCodec.decode(r.value()) instanceof DreamRequested request) {
                        handle(request);
                    }
                }
                consumer.commitSync();
            } catch (org.apache.kafka.common.errors.WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (running.get()) {
                    System.err.println("fake worker: " + e);
                }
            }
        }
    }

    private void handle(DreamRequested request) {
        DreamManifest m = manifests.read(request.dreamId()).orElse(null);
        if (m == null) {
            return; // deleted meanwhile
        }
        if (request.approval() == null && holdAll) {
            Screening screening = Screening.of(SCORES, null, 0.0, Instant.now());
            manifests.write(m.held(screening));
            send(DreamHeld.of(m.id(), screening));
            return;
        }
        byte[] original = store.get(ObjectKeys.original(m.id())).orElseThrow();
        store.put(ObjectKeys.dream(m.id()), original, "image/png");
        long seed = 7L;
        DreamManifest done = m.dreaming(m.spec().withSeed(seed), "fake-worker", Instant.now())
                .done(m.spec().withSeed(seed), m.originalWidth(), m.originalHeight(), Instant.now(), 10, "fake-worker");
        manifests.write(done);
        send(DreamCompleted.of(m.id(), ObjectKeys.dream(m.id()), null, null, m.originalWidth(), m.originalHeight(), 10,
                "fake-worker", seed));
    }

    private void send(DreamEvent event) {
        try {
            producer.send(new ProducerRecord<>(Topics.DREAM_EVENTS, event.dreamId().toString(), EventCodec.toJson(event)))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish " + event.type(), e);
        }
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close();
        producer.close();
    }
}
