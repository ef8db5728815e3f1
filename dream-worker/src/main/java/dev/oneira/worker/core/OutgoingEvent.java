package dev.oneira.worker.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.oneira.shared.event.DreamEvent;

/**
 * One logical event and its send. Waiting again after a timeout waits for the same send (the
 * producer still holds the record and delivers it when the broker is back) instead of sending a
 * second copy; only a send that failed is sent again, and always as the same event, with the same
 * {@code eventId}, so consumers de-duplicate whatever copies still arrive.
 */
final class OutgoingEvent {

    private final DreamEvent event;
    private CompletableFuture<Void> sending;

    OutgoingEvent(DreamEvent event) {
        this.event = event;
    }

    DreamEvent event() {
        return event;
    }

    /** Sends the event unless a send of it is still under way, and waits up to {@code timeout} for the broker. */
    void awaitSent(EventSink sink, Duration timeout) {
        if (sending == null || sending.isCompletedExceptionally() || sending.isCancelled()) {
            sending = sink.send(event).toCompletableFuture();
        }
        try {
            sending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failures.EventNotSent("interrupted while sending " + event.type(), e);
        } catch (ExecutionException e) {
            throw new Failures.EventNotSent("cannot send " + event.type() + " to Kafka: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new Failures.EventNotSent("Kafka did not take " + event.type() + " within " + timeout, e);
        }
    }
}
