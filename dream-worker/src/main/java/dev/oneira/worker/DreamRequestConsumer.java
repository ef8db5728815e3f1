package dev.oneira.worker;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.oneira.shared.messaging.Topics;
import dev.oneira.worker.core.DreamRequestProcessor;
import dev.oneira.worker.core.Outcome;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * The Kafka side: takes {@code DreamRequested} records one at a time (ordered blocking, on a worker
 * thread, never the event loop; {@code mp.messaging.incoming.dream-requests.concurrency} gives more
 * consumers per worker) and acks, dead-letters or leaves each one as its {@link Outcome} says.
 */
@ApplicationScoped
public class DreamRequestConsumer {

    private static final Logger LOG = Logger.getLogger(DreamRequestConsumer.class);

    private final DreamRequestProcessor processor;
    private final WorkerLifecycle lifecycle;
    private final RequestRedrive redrive;

    public DreamRequestConsumer(DreamRequestProcessor processor, WorkerLifecycle lifecycle, RequestRedrive redrive) {
        this.processor = processor;
        this.lifecycle = lifecycle;
        this.redrive = redrive;
    }

    @Incoming(Topics.DREAM_REQUESTS)
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(Message<String> message) {
        if (lifecycle.stopping()) {
            // Shutting down: not taken, not acked; it stays for another worker.
            return CompletableFuture.completedFuture(null);
        }
        lifecycle.begin();
        Outcome outcome;
        String payload = message.getPayload() == null ? "" : message.getPayload();
        try {
            outcome = processor.process(payload, lifecycle::cancelRequested);
        } finally {
            lifecycle.end();
        }
        return switch (outcome.kind()) {
            case COMPLETED, ALREADY_COMPLETED, HELD, REJECTED -> message.ack();
            // Put back first, then ack: a crash in between gives a duplicate request, which the
            // manifest turns into "already done" or a redo with the same seed; never a lost one.
            case RETRY_LATER -> redrive.putBack(outcome.dreamId().toString(), payload)
                    .thenCompose(sent -> {
                        LOG.infof("request %s put back on %s for a later try", outcome.dreamId(), Topics.DREAM_REQUESTS);
                        return message.ack();
                    })
                    .exceptionallyCompose(failure -> {
                        LOG.errorf("request %s could not be put back (%s); to the dead-letter queue", outcome.dreamId(),
                                failure.getMessage());
                        return message.nack(new DeadLetter(outcome.reason() + "; could not be put back for a later try"));
                    });
            case DEAD_LETTER -> message.nack(new DeadLetter(outcome.reason()));
            case ABANDONED -> {
                LOG.infof("request %s left un-acked: %s", outcome.dreamId(), outcome.reason());
                yield CompletableFuture.completedFuture(null);
            }
        };
    }

    /** Its message becomes the record's {@code dead-letter-reason} header in the DLQ. */
    static final class DeadLetter extends RuntimeException {
        DeadLetter(String reason) {
            super(reason, null, false, false);
        }
    }
}
