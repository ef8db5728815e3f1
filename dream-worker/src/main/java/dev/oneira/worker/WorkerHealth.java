package dev.oneira.worker;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import dev.oneira.store.ObjectStore;
import dev.oneira.store.ObjectStoreException;
import dev.oneira.worker.core.DreamRequestProcessor;
import dev.oneira.worker.core.StoreOutage;

/**
 * Readiness: the network is loaded and the object store answers (the Kafka connector adds its own
 * readiness check per channel, so /q/health/ready is UP only when all hold). Liveness: the engine did not fail to start and the
 * dream in flight, if any, keeps making steps: a long dream is alive, a stuck one is not.
 */
public final class WorkerHealth {

    private WorkerHealth() {
    }

    @Readiness
    @ApplicationScoped
    public static class NetworkLoaded implements HealthCheck {
        private final DreamRuntimeHolder runtime;

        public NetworkLoaded(DreamRuntimeHolder runtime) {
            this.runtime = runtime;
        }

        @Override
        public HealthCheckResponse call() {
            var b = HealthCheckResponse.named("dream-engine");
            if (runtime.ready()) {
                return b.up().withData("engine", runtime.describe().orElse("")).build();
            }
            return b.down().withData("state", runtime.failure().map(f -> "failed: " + f).orElse("loading the network"))
                    .build();
        }
    }

    /**
     * DOWN while the worker's own calls find the object store unreachable: the worker then waits for
     * it (up to the outage budget), perhaps with a finished dream in memory, and a new request would
     * wait too. While DOWN, the check itself looks again (a short HEAD of the bucket, at most every
     * 5 s), so an idle worker turns ready again when the store is back.
     */
    @Readiness
    @ApplicationScoped
    public static class StoreReachable implements HealthCheck {
        private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
        private static final long PROBE_EVERY_NANOS = Duration.ofSeconds(5).toNanos();

        private final DreamRequestProcessor processor;
        private final ObjectStore probe;
        private volatile long lastProbe = System.nanoTime() - PROBE_EVERY_NANOS;

        public StoreReachable(DreamRequestProcessor processor, ObjectStore store) {
            this.processor = processor;
            this.probe = store.withCallTimeout(PROBE_TIMEOUT);
        }

        @Override
        public HealthCheckResponse call() {
            var b = HealthCheckResponse.named("object-store");
            StoreOutage outage = processor.storeOutage();
            if (outage.downSince().isPresent() && System.nanoTime() - lastProbe >= PROBE_EVERY_NANOS) {
                lastProbe = System.nanoTime();
                try {
                    probe.checkReachable();
                    outage.succeeded();
                } catch (ObjectStoreException e) {
                    // still down (or refusing): stays DOWN
                }
            }
            return outage.downSince()
                    .map(since -> b.down().withData("state", "unreachable since " + since).build())
                    .orElseGet(() -> b.up().build());
        }
    }

    @Liveness
    @ApplicationScoped
    public static class NotStuck implements HealthCheck {
        private final DreamRuntimeHolder runtime;
        private final DreamRequestProcessor processor;
        private final Duration stallTimeout;

        public NotStuck(DreamRuntimeHolder runtime, DreamRequestProcessor processor, WorkerConfig config) {
            this.runtime = runtime;
            this.processor = processor;
            this.stallTimeout = config.stallTimeout();
        }

        @Override
        public HealthCheckResponse call() {
            var b = HealthCheckResponse.named("dream-worker");
            var failure = runtime.failure();
            if (failure.isPresent()) {
                return b.down().withData("engine", "failed: " + failure.get()).build();
            }
            Duration stalled = processor.stalledFor();
            b.withData("inFlight", processor.inFlight()).withData("secondsSinceProgress", stalled.toSeconds());
            return stalled.compareTo(stallTimeout) > 0 ? b.down().build() : b.up().build();
        }
    }
}
