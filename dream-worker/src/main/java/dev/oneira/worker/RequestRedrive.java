package dev.oneira.worker;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;

/**
 * Puts a request back at the end of {@code dream-requests} (same key, same value) when the store
 * or broker stayed down past the outage budget: the automatic re-drive of a transient failure, with
 * no operator and no DLQ. It is rate-limited by the budget itself: a request is put back at most
 * once per budget (default 15 min), since each try first waits that long for the outage to end.
 * The channel has a name of its own; {@link TopicsConfigSource} points it at the requests topic.
 */
@ApplicationScoped
public class RequestRedrive {

    /** The outgoing channel; its topic is {@code Topics.DREAM_REQUESTS}. */
    public static final String CHANNEL = "dream-requests-redrive";

    @Inject
    @Channel(CHANNEL)
    MutinyEmitter<Record<String, String>> emitter;

    /** Completes when the broker has the request again. */
    public CompletionStage<Void> putBack(String key, String payload) {
        return emitter.send(Record.of(key, payload)).subscribeAsCompletionStage();
    }
}
