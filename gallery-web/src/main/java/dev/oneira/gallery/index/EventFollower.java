package dev.oneira.gallery.index;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import dev.oneira.shared.event.DreamEvent;
import dev.oneira.shared.event.EventCodec;
import dev.oneira.shared.messaging.Topics;

/**
 * Follows dream-events for one gallery instance, for live progress only: every instance reads every
 * partition itself ({@code assign}, no consumer group to share them out, nothing committed) from the end,
 * and hands each event to {@link DreamIndex#relay}, which shows it to the pages watching that dream. The
 * database is fed by the projection's consumer group ({@code ProjectionConsumer}), where each event is
 * applied by one instance only; a page's event stream may be served by any instance, so each follows
 * every event itself. (Why not LISTEN/NOTIFY from the projection: progress would then reach pages only
 * after a database write and commit per event, and a page would depend on the projection's lag; the
 * broker already delivers every event to every instance.) One thread of its own.
 */
public final class EventFollower implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EventFollower.class);

    private final DreamIndex index;
    private final KafkaConsumer<String, String> consumer;
    private final Set<TopicPartition> assigned = new HashSet<>();
    private volatile boolean running;
    private volatile boolean following;
    private long nextPartitionCheck;
    private Thread thread;

    public EventFollower(String bootstrapServers, DreamIndex index) {
        this.index = index;
        Properties p = EventConsumers.properties(bootstrapServers, "oneira-gallery-", "latest");
        this.consumer = new KafkaConsumer<>(p);
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "gallery-event-follower");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether it follows the topic's partitions (false until the broker answered once). */
    public boolean isFollowing() {
        return following;
    }

    private void run() {
        while (running) {
            try {
                try {
                    assignPartitions();
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    LOG.warnf("cannot reach Kafka to follow %s: %s (retrying)", Topics.DREAM_EVENTS, e.getMessage());
                }
                if (assigned.isEmpty()) {
                    Thread.sleep(500);
                    continue;
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    handle(record);
                }
            } catch (WakeupException e) {
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.warnf("following %s: %s (retrying)", Topics.DREAM_EVENTS, e.getMessage());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    break;
                }
            }
        }
        try {
            consumer.close(Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            LOG.debugf("closing the consumer: %s", e.getMessage());
        }
    }

    /**
     * Assigns partitions not yet followed: the first ones at their end (only what happens from now on is
     * live), partitions added later from their start (all their events are new).
     */
    private void assignPartitions() {
        if (System.nanoTime() < nextPartitionCheck) {
            return;
        }
        nextPartitionCheck = System.nanoTime() + (assigned.isEmpty() ? 0 : Duration.ofSeconds(30).toNanos());
        List<PartitionInfo> infos = consumer.partitionsFor(Topics.DREAM_EVENTS, Duration.ofSeconds(5));
        if (infos == null || infos.isEmpty()) {
            return;
        }
        List<TopicPartition> fresh = new ArrayList<>();
        for (PartitionInfo info : infos) {
            TopicPartition tp = new TopicPartition(info.topic(), info.partition());
            if (!assigned.contains(tp)) {
                fresh.add(tp);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        boolean atEnd = assigned.isEmpty();
        assigned.addAll(fresh);
        consumer.assign(new ArrayList<>(assigned));
        if (atEnd) {
            consumer.seekToEnd(fresh);
        } else {
            consumer.seekToBeginning(fresh);
        }
        fresh.forEach(tp -> consumer.position(tp, Duration.ofSeconds(5)));
        following = true;
    }

    private void handle(ConsumerRecord<String, String> record) {
        DreamEvent event;
        try {
            event = EventCodec.decode(record.value());
        } catch (RuntimeException e) {
            LOG.debugf("skipping unreadable event at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        try {
            index.relay(event);
        } catch (RuntimeException e) {
            LOG.debugf("could not relay %s of %s: %s", event.type(), event.dreamId(), e.getMessage());
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
