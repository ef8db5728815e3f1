package dev.oneira.worker;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code oneira.worker.*}: how this worker dreams. */
@ConfigMapping(prefix = "oneira.worker")
public interface WorkerConfig {

    /** Names the worker in events and manifests; default: the host name (the pod name in Kubernetes). */
    Optional<String> id();

    /** PyTorch intra-op threads; 0 = all cores. */
    @WithDefault("0")
    int threads();

    /** A DreamProgress with a preview at least this often (and at every octave's end). */
    @WithDefault("2s")
    Duration progressInterval();

    @WithDefault("256")
    int previewMaxSide();

    @WithDefault("320")
    int thumbMaxSide();

    /**
     * Tries at least this often for a transient fault (object store, broker) before the request is
     * put back for a later try; see {@link #outageBudget()}, which must be spent as well.
     */
    @WithDefault("6")
    int retryAttempts();

    @WithDefault("1s")
    Duration retryInitialBackoff();

    @WithDefault("30s")
    Duration retryMaxBackoff();

    /**
     * How long a worker rides out an unreachable object store or broker, retrying with backoff and
     * keeping a finished dream in memory, before it puts the request back on dream-requests for a
     * later try (never marking the dream FAILED for it). Readiness is DOWN while the store is down.
     */
    @WithDefault("15m")
    Duration outageBudget();

    /** The longest a progress preview's write may take; a slower (hanging) store costs the dream no more. */
    @WithDefault("2s")
    Duration previewTimeout();

    /** How long to wait for the broker to take a DreamCompleted or DreamFailed before waiting again (never sent twice). */
    @WithDefault("30s")
    Duration eventTimeout();

    /** On shutdown, how long the dream in flight may take to finish before it is cancelled and left un-acked. */
    @WithDefault("30s")
    Duration shutdownGrace();

    /**
     * After the grace period: how long to wait for the cancelled dream to give up (it checks between
     * tiles and between retries) before shutdown goes on and Kafka is closed. Bounded, so the worst
     * case of a stop is shutdown-grace + cancel-wait + the consumer's close, which the deployment
     * files' grace periods must outlast (DeploymentFilesTest checks them against these defaults).
     */
    @WithDefault("10s")
    Duration cancelWait();

    /**
     * An animation's video is encoded in segments of at most this many frames; each closed segment,
     * with the last frame, is checkpointed to the object store, so a killed worker's animation resumes
     * from it on another worker.
     */
    @WithDefault("24")
    int segmentFrames();

    /**
     * A segment is closed and checkpointed sooner once this long has passed since its first frame
     * (slow, large frames): the most dreaming a killed worker's animation loses.
     */
    @WithDefault("30s")
    Duration checkpointInterval();

    /** Liveness turns DOWN when the dream in flight made no step for this long. */
    @WithDefault("10m")
    Duration stallTimeout();
}
