package dev.oneira.gallery.db;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import dev.oneira.gallery.index.EventConsumers;
import dev.oneira.shared.event.DreamEvent;
import dev.oneira.shared.event.EventCodec;
import dev.oneira.shared.messaging.Topics;

/**
 * Feeds dream-events into the database: one consumer group ({@link Topics#GALLERY_GROUP}) shared by
 * every gallery instance, so each event is applied by one instance, and a partition (hence a dream:
 * the key is its id) by one instance at a time, in order. Each event is applied in its own
 * transaction ({@link EventProjection}); the offsets are committed only after the transactions of the
 * batch, so a crash replays applied events (skipped by their eventId) and never loses one. When the
 * database fails, the partitions are put back to the first event not applied and tried again with
 * backoff. One thread of its own.
 */
public final class ProjectionConsumer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ProjectionConsumer.class);
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private final EventProjection projection;
    private final Duration keepEventIds;
    private final KafkaConsumer<String, String> consumer;
    private final Map<TopicPartition, OffsetAndMetadata> applied = new HashMap<>();
    private volatile boolean running;
    private volatile String problem = "starting";
    private volatile long appliedCount;
    private Thread thread;

    public ProjectionConsumer(String bootstrapServers, EventProjection projection, Duration keepEventIds) {
        this.projection = projection;
        this.keepEventIds = keepEventIds;
        // A new group reads what the topic still holds: every event is idempotent, and a dream without a
        // row is read from its manifest.
        Properties p = EventConsumers.properties(bootstrapServers, "oneira-gallery-projection-", "earliest");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, Topics.GALLERY_GROUP);
        p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "200");
        this.consumer = new KafkaConsumer<>(p);
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "gallery-projection");
        thread.setDaemon(true);
        thread.start();
    }

    /** Null while events are applied as they come; else what keeps them from being applied. */
    public String problem() {
        return problem;
    }

    public long appliedCount() {
        return appliedCount;
    }

    private void run() {
        long backoffMs = 0;
        long nextPrune = 0;
        try {
            consumer.subscribe(List.of(Topics.DREAM_EVENTS), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    commit(); // what was applied stays applied for the instance that takes over
                    partitions.forEach(applied::remove);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    LOG.debugf("projection of %s: partitions %s", Topics.DREAM_EVENTS, partitions);
                }
            });
            while (running) {
                try {
                    if (backoffMs > 0) {
                        Thread.sleep(backoffMs);
                    }
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                    boolean ok = applyAll(records);
                    commit();
                    if (ok) {
                        problem = null;
                        backoffMs = 0;
                    } else {
                        backoffMs = Math.min(10_000, Math.max(500, backoffMs * 2));
                    }
                    if (System.nanoTime() >= nextPrune && ok) {
                        int n = projection.pruneAppliedEvents(keepEventIds);
                        LOG.debugf("forgot %d applied eventIds older than %s", n, keepEventIds);
                        nextPrune = System.nanoTime() + PRUNE_EVERY.toNanos();
                    }
                } catch (WakeupException e) {
                    break;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (RuntimeException e) {
                    problem = "cannot follow " + Topics.DREAM_EVENTS + ": " + e.getMessage();
                    LOG.warnf("projection: %s (retrying)", e.getMessage());
                    backoffMs = Math.min(10_000, Math.max(1000, backoffMs * 2));
                }
            }
        } finally {
            try {
                commit();
                consumer.close(Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                LOG.debugf("closing the projection consumer: %s", e.getMessage());
            }
        }
    }

    /** Applies the batch in order per partition; on a database failure puts each partition back to its first event not applied. */
    private boolean applyAll(ConsumerRecords<String, String> records) {
        for (TopicPartition tp : records.partitions()) {
            for (ConsumerRecord<String, String> record : records.records(tp)) {
                try {
                    apply(record);
                } catch (DatabaseUnavailableException e) {
                    problem = "database: " + e.getMessage();
                    LOG.warnf("projection: %s; %s will be applied again from offset %d", e.getMessage(), tp,
                            record.offset());
                    rewind(records);
                    return false;
                }
                applied.put(tp, new OffsetAndMetadata(record.offset() + 1));
                appliedCount++;
            }
        }
        return true;
    }

    private void apply(ConsumerRecord<String, String> record) {
        DreamEvent event;
        try {
            event = EventCodec.decode(record.value());
        } catch (RuntimeException e) {
            LOG.warnf("skipping an unreadable event at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        projection.apply(event);
    }

    /** Every partition of the batch back to its first record not applied. */
    private void rewind(ConsumerRecords<String, String> records) {
        for (TopicPartition tp : records.partitions()) {
            OffsetAndMetadata done = applied.get(tp);
            long first = records.records(tp).get(0).offset();
            consumer.seek(tp, done != null && done.offset() > first ? done.offset() : first);
        }
    }

    private void commit() {
        if (applied.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(Map.copyOf(applied), Duration.ofSeconds(5));
            applied.clear();
        } catch (RuntimeException e) {
            // kept: committed with the next batch (or replayed and skipped by eventId)
            LOG.infof("projection: offsets not committed yet: %s", e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        consumer.wakeup();
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
