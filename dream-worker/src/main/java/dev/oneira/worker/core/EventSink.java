package dev.oneira.worker.core;

import java.util.concurrent.CompletionStage;

import dev.oneira.shared.event.DreamEvent;

/** Sends dream events to {@code dream-events}, keyed by dream id, in the order they are given. */
@FunctionalInterface
public interface EventSink {

    /** Completes when the broker has the event; fails when it could not be sent. */
    CompletionStage<Void> send(DreamEvent event);
}
