package dev.oneira.worker;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;

import dev.oneira.shared.event.DreamEvent;
import dev.oneira.shared.event.EventCodec;
import dev.oneira.shared.messaging.Topics;
import dev.oneira.worker.core.EventSink;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.MutinyEmitter;

/** Events to {@code dream-events} (the channel is named after its topic), key = dream id. */
@ApplicationScoped
public class KafkaEventSink implements EventSink {

    @Inject
    @Channel(Topics.DREAM_EVENTS)
    MutinyEmitter<Record<String, String>> emitter;

    @Override
    public CompletionStage<Void> send(DreamEvent event) {
        return emitter.send(Record.of(event.dreamId().toString(), EventCodec.toJson(event)))
                .subscribeAsCompletionStage();
    }
}
