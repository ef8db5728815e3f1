package dev.oneira.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/** Shutdown rules, without Kafka: stop taking, wait the grace period, then cancel; never ack what was not finished. */
class GracefulShutdownTest {

    @Test
    void aDreamThatFinishesWithinTheGracePeriodIsNotCancelled() throws Exception {
        WorkerLifecycle lifecycle = new WorkerLifecycle(Duration.ofSeconds(30), Duration.ofSeconds(10));
        lifecycle.begin();
        Thread stopper = new Thread(lifecycle::stop);
        stopper.start();
        await().until(lifecycle::stopping);
        assertThat(stopper.isAlive()).isTrue(); // waiting for the dream
        lifecycle.end();
        stopper.join(5000);
        assertThat(stopper.isAlive()).isFalse();
        assertThat(lifecycle.cancelRequested()).isFalse();
    }

    @Test
    void aDreamStillRunningWhenTheGracePeriodEndsIsCancelled() throws Exception {
        WorkerLifecycle lifecycle = new WorkerLifecycle(Duration.ofMillis(200), Duration.ofSeconds(30));
        lifecycle.begin();
        Thread stopper = new Thread(lifecycle::stop);
        stopper.start();
        await().atMost(Duration.ofSeconds(5)).until(lifecycle::cancelRequested);
        assertThat(stopper.isAlive()).isTrue(); // waits for the dream to notice and give up
        lifecycle.end();
        stopper.join(5000);
        assertThat(stopper.isAlive()).isFalse();
    }

    @Test
    void aCancelledDreamThatDoesNotGiveUpHoldsTheShutdownNoLongerThanTheCancelWait() throws Exception {
        WorkerLifecycle lifecycle = new WorkerLifecycle(Duration.ofMillis(100), Duration.ofMillis(300));
        lifecycle.begin(); // never ends: stuck in one long call
        Thread stopper = new Thread(lifecycle::stop);
        stopper.start();
        await().atMost(Duration.ofSeconds(5)).until(lifecycle::cancelRequested);
        // shutdown goes on (Kafka closes, the request stays un-acked) instead of waiting for the dream
        await().atMost(Duration.ofSeconds(5)).until(() -> !stopper.isAlive());
        assertThat(lifecycle.cancelRequested()).isTrue();
    }

    @Test
    void aRequestArrivingDuringShutdownIsNeitherTakenNorAcked() {
        WorkerLifecycle lifecycle = new WorkerLifecycle(Duration.ZERO, Duration.ZERO);
        lifecycle.stop();
        AtomicBoolean acked = new AtomicBoolean();
        AtomicBoolean nacked = new AtomicBoolean();
        Message<String> message = Message.of("{}")
                .withAck(() -> {
                    acked.set(true);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(e -> {
                    nacked.set(true);
                    return CompletableFuture.completedFuture(null);
                });
        // No processor: it must not be reached.
        new DreamRequestConsumer(null, lifecycle, null).consume(message).toCompletableFuture().join();
        assertThat(acked).isFalse();
        assertThat(nacked).isFalse();
    }
}
