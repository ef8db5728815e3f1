package dev.oneira.worker;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.oneira.engine.dream.DreamEngine;
import dev.oneira.shared.event.EventCodec;
import dev.oneira.shared.messaging.Topics;
import dev.oneira.store.ObjectStore;
import dev.oneira.worker.core.Backoff;
import dev.oneira.worker.core.DreamRequestProcessor;
import dev.oneira.worker.core.EventSink;
import dev.oneira.worker.core.Outcome;
import dev.oneira.worker.core.Screener;
import dev.oneira.worker.core.WorkerSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A second (and third) worker in the test JVM without a second Quarkus app: the same
 * {@link DreamRequestProcessor} behind a raw KafkaConsumer with manual commits, as the SmallRye
 * consumer does it (commit after ack, nothing when abandoned). {@link #die()} makes it stop mid-dream
 * and close its consumer without committing, like a worker that is killed.
 */
final class PlainWorker implements AutoCloseable {

    private final String id;
    private final KafkaConsumer<String, String> consumer;
    private final KafkaProducer<String, String> producer;
    private final DreamRequestProcessor processor;
    private final Thread thread;
    private final Set<TopicPartition> assignment = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;
    private volatile boolean dying;

    PlainWorker(String id, String bootstrap, String topic, String group, ObjectStore store,
                Supplier<DreamEngine> engine, Screener screener) {
        this.id = id;
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, id);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        c.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(c);

        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(p);
        EventSink events = event -> {
            CompletableFuture<Void> sent = new CompletableFuture<>();
            producer.send(new ProducerRecord<>(Topics.DREAM_EVENTS, event.dreamId().toString(), EventCodec.toJson(event)),
                    (meta, error) -> {
                        if (error != null) {
                            sent.completeExceptionally(error);
                        } else {
                            sent.complete(null);
                        }
                    });
            return sent;
        };
        WorkerSettings settings = new WorkerSettings(id, Duration.ZERO, 128, 160,
                new Backoff(3, Duration.ofMillis(100), Duration.ofMillis(200), Duration.ZERO), Duration.ofSeconds(10),
                Duration.ofSeconds(1), 4, Duration.ofSeconds(30));
        processor = new DreamRequestProcessor(store, events, engine, screener, settings, new SimpleMeterRegistry());

        consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                assignment.removeAll(partitions);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                assignment.addAll(partitions);
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                assignment.removeAll(partitions);
            }
        });
        thread = new Thread(this::loop, "plain-worker-" + id);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    Outcome outcome = processor.process(r.value(), () -> dying);
                    if (outcome.kind() == Outcome.Kind.ABANDONED) {
                        return; // killed: no commit; close() below leaves the group
                    }
                    // Acked or dead-lettered: either way this record is done for this group.
                    consumer.commitSync(Map.of(new TopicPartition(r.topic(), r.partition()),
                            new OffsetAndMetadata(r.offset() + 1)));
                }
            }
        } finally {
            assignment.clear();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    String id() {
        return id;
    }

    Set<TopicPartition> assignment() {
        return assignment;
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    /** Stop mid-dream without committing, as a killed worker would. */
    void die() {
        dying = true;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(30_000);
        producer.close(Duration.ofSeconds(2));
    }
}
