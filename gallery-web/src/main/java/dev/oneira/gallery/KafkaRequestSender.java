package dev.oneira.gallery;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import dev.oneira.shared.event.DreamRequested;
import dev.oneira.shared.event.EventCodec;
import dev.oneira.shared.messaging.Topics;

/** A plain Kafka producer (acks=all, idempotent) with bounded waits, so an absent broker is a quick, clear error. */
public final class KafkaRequestSender implements RequestSender {

    private final KafkaProducer<String, String> producer;
    private final Duration timeout;

    public KafkaRequestSender(Properties properties, Duration timeout) {
        this.producer = new KafkaProducer<>(properties);
        this.timeout = timeout;
    }

    @Override
    public void send(DreamRequested request) {
        String key = request.dreamId().toString();
        try {
            producer.send(new ProducerRecord<>(Topics.DREAM_REQUESTS, key, EventCodec.toJson(request)))
                    .get(timeout.toMillis() + 2000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new MessagingUnavailableException("the message broker did not take the request: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new MessagingUnavailableException("the message broker did not answer within " + timeout.toSeconds()
                    + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessagingUnavailableException("interrupted while sending the request", e);
        } catch (RuntimeException e) {
            // send() itself throws (e.g. metadata not available within max.block.ms)
            throw new MessagingUnavailableException("the message broker is unreachable: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(2));
    }
}
