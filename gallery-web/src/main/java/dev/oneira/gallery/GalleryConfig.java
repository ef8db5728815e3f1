package dev.oneira.gallery;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code oneira.gallery.*}: uploads, limits and how the gallery reaches Kafka. */
@ConfigMapping(prefix = "oneira.gallery")
public interface GalleryConfig {

    /** Largest upload accepted, in bytes (the file itself). */
    @WithDefault("20000000")
    long maxUploadBytes();

    /** Largest image accepted, in pixels (width x height, read from the header before decoding). */
    @WithDefault("50000000")
    long maxPixels();

    /** Uploads one client may make per {@link #uploadWindow()}. */
    @WithDefault("10")
    int uploadsPerWindow();

    @WithDefault("10m")
    Duration uploadWindow();

    /** How long to wait for the broker's ack of a DreamRequested before telling the person it failed. */
    @WithDefault("10s")
    Duration requestTimeout();

    /** Dreams per gallery or API page. */
    @WithDefault("24")
    int pageSize();

    /** How often the index re-lists the manifests (picks up deletions made through other instances). */
    @WithDefault("60s")
    Duration reconcileInterval();

    /**
     * A DREAMING dream with no progress for longer than this is shown as waiting for a worker (its
     * worker died or waits for the store; it is picked up again by itself). Above the workers'
     * progress interval and slowest step; below the Kafka session timeout (45 s), after which a
     * dead worker's request goes to another worker.
     */
    @WithDefault("30s")
    Duration stallAfter();

    /** The site's public base URL for share cards, e.g. https://oneira.example; absent: from the request. */
    Optional<String> publicUrl();
}
