package dev.oneira.worker;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import dev.oneira.worker.core.DreamRequestProcessor;

/**
 * Readiness: the network is loaded (the Kafka connector adds its own readiness check per channel,
 * so /q/health/ready is UP only when both hold). Liveness: the engine did not fail to start and the
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
