package dev.oneira.worker;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;

/**
 * Graceful shutdown. On SIGTERM (Quarkus' ShutdownEvent, which comes before the Kafka connector is
 * closed, so the consumer keeps its heartbeats meanwhile): stop taking requests, give the dream in
 * flight {@code oneira.worker.shutdown-grace} to finish, then cancel it. A cancelled dream is left
 * un-acked, so its offset is not committed and another worker takes it after the rebalance. The wait
 * for the cancelled dream to give up is capped ({@code oneira.worker.cancel-wait}): a dream stuck in
 * one long call must not hold the shutdown past the pod's grace period.
 */
@ApplicationScoped
public class WorkerLifecycle {

    private static final Logger LOG = Logger.getLogger(WorkerLifecycle.class);

    private final Duration grace;
    private final Duration cancelWait;
    private final Object lock = new Object();
    private volatile boolean stopping;
    private volatile boolean cancelling;
    private int active;

    @jakarta.inject.Inject
    public WorkerLifecycle(WorkerConfig config) {
        this(config.shutdownGrace(), config.cancelWait());
    }

    WorkerLifecycle(Duration grace, Duration cancelWait) {
        this.grace = grace;
        this.cancelWait = cancelWait;
    }

    public boolean stopping() {
        return stopping;
    }

    public boolean cancelRequested() {
        return cancelling;
    }

    public void begin() {
        synchronized (lock) {
            active++;
        }
    }

    public void end() {
        synchronized (lock) {
            active--;
            lock.notifyAll();
        }
    }

    void onShutdown(@Observes ShutdownEvent event) {
        stop();
    }

    /** Stops taking requests and waits for the dream in flight, cancelling it when the grace period is over. */
    void stop() {
        stopping = true;
        int now;
        synchronized (lock) {
            now = active;
        }
        if (now == 0) {
            LOG.info("stopping: no dream in flight");
            return;
        }
        LOG.infof("stopping: taking no more requests; %d dream(s) in flight get up to %s to finish", now, grace);
        if (!awaitIdle(grace)) {
            LOG.warnf("grace period of %s is over: cancelling; the request stays un-acked for another worker", grace);
            cancelling = true;
            if (!awaitIdle(cancelWait)) {
                LOG.warnf("the cancelled dream did not give up within %s: shutting down anyway (still un-acked)",
                        cancelWait);
            }
        }
    }

    private boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (active > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }
}
