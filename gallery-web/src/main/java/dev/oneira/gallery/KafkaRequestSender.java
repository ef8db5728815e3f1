package dev.oneira.gallery;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import dev.oneira.shared.event.DreamRequested;
import dev.oneira.shared.event.EventCodec;
import dev.oneira.shared.messaging.Topics;

/**
 * A plain Kafka producer (acks=all, idempotent) with bounded waits, so an absent broker is a quick, clear
 * error, and a {@link BrokerWatch} on the same broker, so that while it is down nobody waits at all.
 */
public final class KafkaRequestSender implements RequestSender {

    private final KafkaProducer<String, String> producer;
    private final Duration timeout;
    private final BrokerWatch watch;

    public KafkaRequestSender(Properties properties, Duration timeout, Duration checkInterval) {
        this.producer = new KafkaProducer<>(properties);
        this.timeout = timeout;
        this.watch = new BrokerWatch(properties.getProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG), checkInterval);
    }

    @Override
    public boolean isAvailable() {
        return watch.isUp();
    }

    @Override
    public Duration retryAfter() {
        return watch.retryAfter();
    }

    @Override
    public int send(DreamRequested request) {
        String key = request.dreamId().toString();
        try {
            int partition = producer.send(new ProducerRecord<>(Topics.DREAM_REQUESTS, key, EventCodec.toJson(request)))
                    .get(timeout.toMillis() + 2000, TimeUnit.MILLISECONDS).partition();
            watch.markUp();
            return partition;
        } catch (RuntimeException | ExecutionException | TimeoutException | InterruptedException e) {
            watch.markDown(e.getClass().getSimpleName());
            throw unavailable(e);
        }
    }

    private MessagingUnavailableException unavailable(Exception e) {
        if (e instanceof ExecutionException) {
            return new MessagingUnavailableException("the message broker did not take the request: "
                    + e.getCause().getMessage(), e.getCause());
        }
        if (e instanceof TimeoutException) {
            return new MessagingUnavailableException("the message broker did not answer within " + timeout.toSeconds()
                    + " s", e);
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new MessagingUnavailableException("interrupted while sending the request", e);
        }
        // send() itself throws (e.g. metadata not available within max.block.ms)
        return new MessagingUnavailableException("the message broker is unreachable: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        watch.close();
        producer.close(Duration.ofSeconds(2));
    }
}
