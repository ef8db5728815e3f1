package dev.oneira.worker.core;

import java.time.Duration;

/**
 * @param workerId         names this worker in events and manifests (the pod name in Kubernetes)
 * @param progressInterval a DreamProgress (with a preview) at least this often while steps finish,
 *                         and always at an octave's end
 * @param previewMaxSide   longest side of progress previews, pixels
 * @param thumbMaxSide     longest side of thumbnails, pixels
 * @param retry            retries of transient faults (object store, broker) before the DLQ
 * @param eventTimeout     how long to wait for the broker to take a DreamCompleted / DreamFailed
 */
public record WorkerSettings(String workerId, Duration progressInterval, int previewMaxSide, int thumbMaxSide,
                             Backoff retry, Duration eventTimeout) {

    public WorkerSettings {
        if (workerId == null || workerId.isBlank()) {
            throw new IllegalArgumentException("worker id is missing");
        }
        if (previewMaxSide < 16 || thumbMaxSide < 16) {
            throw new IllegalArgumentException("preview and thumbnail sides must be at least 16 pixels");
        }
    }
}
