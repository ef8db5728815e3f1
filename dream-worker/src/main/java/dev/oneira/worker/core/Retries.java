package dev.oneira.worker.core;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import dev.oneira.shared.event.FailureCode;
import dev.oneira.shared.id.DreamId;
import dev.oneira.store.ObjectStoreException;
import dev.oneira.store.ObjectStoreUnavailableException;

/**
 * An attempt's patience: store calls and sends retried with backoff through an outage until its
 * budget is spent, the wait interrupted by cancellation and counted as activity for the liveness
 * check (the worker waits on purpose, it is not stuck), the store's outage state kept for readiness.
 */
final class Retries {

    private static final Logger LOG = Logger.getLogger(Retries.class);

    private final DreamId id;
    private final BooleanSupplier cancelled;
    private final WorkerSettings settings;
    private final StoreOutage outage;
    private final AtomicLong lastActivity;

    Retries(DreamId id, BooleanSupplier cancelled, WorkerSettings settings, StoreOutage outage, AtomicLong lastActivity) {
        this.id = id;
        this.cancelled = cancelled;
        this.settings = settings;
        this.outage = outage;
        this.lastActivity = lastActivity;
    }

    /** A store call, retried through an outage; its success tells readiness that the store is back. */
    <T> T storeCall(String what, Supplier<T> action) {
        return retrying(what, () -> {
            T result = action.get();
            outage.succeeded();
            return result;
        }, settings.retry());
    }

    /** Retries transient faults with backoff; gives up with a {@link Failures.TransientFailure} past the budget. */
    <T> T retrying(String what, Supplier<T> action, Backoff backoff) {
        long firstFailure = 0;
        for (int attempt = 1; ; attempt++) {
            try {
                return action.get();
            } catch (ObjectStoreUnavailableException | Failures.EventNotSent e) {
                boolean storeFault = e instanceof ObjectStoreUnavailableException;
                FailureCode code = storeFault ? FailureCode.STORAGE_UNAVAILABLE : FailureCode.MESSAGING_UNAVAILABLE;
                if (storeFault) {
                    outage.failed();
                }
                if (attempt == 1) {
                    firstFailure = System.nanoTime();
                }
                Duration since = Duration.ofNanos(System.nanoTime() - firstFailure);
                if (backoff.exhausted(attempt, since)) {
                    throw new Failures.TransientFailure(code, "could not " + what + " after " + attempt + " attempt"
                            + (attempt == 1 ? "" : "s") + " in " + since.toMillis() + " ms: " + e.getMessage(), e);
                }
                Duration wait = backoff.delayAfter(attempt);
                LOG.warnf("dream %s: could not %s (attempt %d, failing for %d s of an outage budget of %d s), trying"
                        + " again in %d ms: %s", id, what, attempt, since.toSeconds(), backoff.budget().toSeconds(),
                        wait.toMillis(), e.getMessage());
                pause(wait);
            } catch (ObjectStoreException e) {
                // Not transient (access denied, no bucket): retrying will not help, but the request is fine.
                throw new Failures.StoreRefused("could not " + what + ": " + e.getMessage(), e);
            }
        }
    }

    private void pause(Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < until) {
            if (cancelled.getAsBoolean()) {
                throw new Failures.Abandoned("cancelled while waiting to retry");
            }
            lastActivity.set(System.nanoTime());
            try {
                Thread.sleep(Math.max(1, Math.min(100, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failures.Abandoned("interrupted while waiting to retry");
            }
        }
    }
}
