package dev.oneira.worker.core;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the object store is known to be unreachable, as the worker's own calls found it: the
 * readiness check reports it, so an operator sees a worker that waits for the store (with a
 * finished dream in memory, perhaps) instead of a worker that looks idle or stuck.
 */
public final class StoreOutage {

    private final AtomicReference<Instant> downSince = new AtomicReference<>();

    /** A call failed because the store could not be reached or was overloaded. */
    public void failed() {
        downSince.compareAndSet(null, Instant.now());
    }

    /** A call went through. */
    public void succeeded() {
        downSince.set(null);
    }

    /** Since when the store has been failing; empty while it answers. */
    public Optional<Instant> downSince() {
        return Optional.ofNullable(downSince.get());
    }
}
