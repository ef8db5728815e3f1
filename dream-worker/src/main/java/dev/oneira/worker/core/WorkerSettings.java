package dev.oneira.worker.core;

import java.time.Duration;

/**
 * @param workerId         names this worker in events and manifests (the pod name in Kubernetes)
 * @param progressInterval a DreamProgress (with a preview) at least this often while steps finish,
 *                         and always at an octave's end
 * @param previewMaxSide   longest side of progress previews, pixels
 * @param thumbMaxSide     longest side of thumbnails, pixels
 * @param retry            retries of transient faults (object store, broker): backoff, attempts and
 *                         the outage budget, after which the request is put back for a later try
 * @param eventTimeout     how long to wait for the broker to take a DreamCompleted / DreamFailed
 *                         before waiting again (the same send: it is not sent twice)
 * @param previewTimeout   the longest a preview write may take before it is skipped
 * @param segmentFrames    an animation's video is encoded in segments of at most this many frames,
 *                         each checkpointed to the object store when it is closed
 * @param checkpointInterval a segment is closed (and checkpointed) sooner once this long has passed
 *                         since its first frame: the most work a killed worker's animation loses
 */
public record WorkerSettings(String workerId, Duration progressInterval, int previewMaxSide, int thumbMaxSide,
                             Backoff retry, Duration eventTimeout, Duration previewTimeout, int segmentFrames,
                             Duration checkpointInterval) {

    public WorkerSettings {
        if (workerId == null || workerId.isBlank()) {
            throw new IllegalArgumentException("worker id is missing");
        }
        if (previewMaxSide < 16 || thumbMaxSide < 16) {
            throw new IllegalArgumentException("preview and thumbnail sides must be at least 16 pixels");
        }
        if (previewTimeout.isNegative() || previewTimeout.isZero()) {
            throw new IllegalArgumentException("the preview timeout must be positive (was " + previewTimeout + ")");
        }
        if (segmentFrames < 1) {
            throw new IllegalArgumentException("a video segment must hold at least 1 frame (was " + segmentFrames + ")");
        }
        if (checkpointInterval.isNegative()) {
            throw new IllegalArgumentException("the checkpoint interval must not be negative (was "
                    + checkpointInterval + ")");
        }
    }
}
