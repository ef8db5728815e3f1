package dev.oneira.worker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.oneira.shared.event.DreamEvent;
import dev.oneira.shared.event.EventCodec;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.messaging.Topics;

/** Sends records and records everything that arrives on dream-events, dream-requests and the DLQ, from the start. */
final class KafkaProbe implements AutoCloseable {

    /** An event as it arrived: its record key and the decoded event. */
    record Keyed(String key, int partition, DreamEvent event) {
    }

    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> consumer;
    private final Thread poller;
    private final List<Keyed> events = new CopyOnWriteArrayList<>();
    private final List<ConsumerRecord<String, String>> deadLetters = new CopyOnWriteArrayList<>();
    private final List<ConsumerRecord<String, String>> requests = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    KafkaProbe(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(p);

        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500");
        consumer = new KafkaConsumer<>(c);
        consumer.subscribe(List.of(Topics.DREAM_EVENTS, Topics.DREAM_REQUESTS_DLQ, Topics.DREAM_REQUESTS));
        poller = new Thread(this::poll, "kafka-probe");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    if (r.topic().equals(Topics.DREAM_EVENTS)) {
                        events.add(new Keyed(r.key(), r.partition(), EventCodec.decode(r.value())));
                    } else if (r.topic().equals(Topics.DREAM_REQUESTS)) {
                        requests.add(r);
                    } else {
                        deadLetters.add(r);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    void send(String topic, String key, String value) {
        send(topic, null, key, value);
    }

    void send(String topic, Integer partition, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, partition, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + topic + ": " + e.getMessage(), e);
        }
    }

    /** Events of one dream, in arrival order (one partition per key, so in sending order). */
    List<Keyed> eventsOf(DreamId id) {
        return events.stream().filter(k -> k.event().dreamId().equals(id)).toList();
    }

    <T extends DreamEvent> List<T> eventsOf(DreamId id, Class<T> type) {
        return eventsOf(id).stream().map(Keyed::event).filter(type::isInstance).map(type::cast).toList();
    }

    List<ConsumerRecord<String, String>> deadLetters() {
        return deadLetters;
    }

    /** Records on dream-requests for this dream: the request as sent, plus any put back for a later try. */
    List<ConsumerRecord<String, String>> requestsOf(DreamId id) {
        return requests.stream().filter(r -> id.toString().equals(r.key())).toList();
    }

    static Map<String, String> headers(ConsumerRecord<String, String> r) {
        Map<String, String> h = new java.util.HashMap<>();
        r.headers().forEach(x -> h.put(x.key(), x.value() == null ? null : new String(x.value(), java.nio.charset.StandardCharsets.UTF_8)));
        return h;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        poller.join(5000);
        producer.close(Duration.ofSeconds(2));
    }
}
