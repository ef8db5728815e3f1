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

    /**
     * Share of this JVM's largest heap (-Xmx) that the image decodes in flight may use together; an
     * upload that would go beyond it waits {@link #decodeWait()}, then is answered 503 with Retry-After.
     */
    @WithDefault("0.4")
    double decodeHeapShare();

    @WithDefault("2s")
    Duration decodeWait();

    /** Longest text field an upload may carry, in characters (the longest real one, layers, is far shorter). */
    @WithDefault("1000")
    int maxFieldLength();

    /**
     * The longest one object-store call may take while a person waits for their upload (the store's own
     * call timeout, for the index and media, is longer): a hanging store is a quick 503, not a minute's wait.
     */
    @WithDefault("10s")
    Duration uploadStoreTimeout();

    /**
     * When to remove what a failed upload may have left in the store: at once, and again later, since a
     * store that hung may still carry out a write after the gallery gave up on it.
     */
    @WithDefault("0s,1m,10m")
    java.util.List<Duration> failedUploadCleanupDelays();

    /** How often the broker is checked; while it is down, uploads are refused at once with this Retry-After. */
    @WithDefault("5s")
    Duration brokerCheckInterval();

    /** How long to wait for the broker's ack of a DreamRequested before telling the person it failed. */
    @WithDefault("10s")
    Duration requestTimeout();

    /** Dreams per gallery or API page. */
    @WithDefault("24")
    int pageSize();

    /**
     * How long the projection remembers an applied event's id (to skip its redeliveries); far beyond any
     * redelivery (a re-driven request, a replay after a crash), and the table stays bounded.
     */
    @WithDefault("7d")
    Duration appliedEventRetention();

    /**
     * Key (32+ characters) that signs the forms' CSRF tokens; env GALLERY_CSRF_KEY, the same on every
     * replica. The default is a random key per process (CsrfKeyConfigSource).
     */
    @WithDefault("${oneira.csrf.generated-key}")
    String csrfKey();

    /**
     * A DREAMING dream with no progress for longer than this is shown as waiting for a worker (its
     * worker died or waits for the store; it is picked up again by itself). Above the workers'
     * progress interval and slowest step; below the Kafka session timeout (45 s), after which a
     * dead worker's request goes to another worker.
     */
    @WithDefault("30s")
    Duration stallAfter();

    /**
     * The site's public base URL for canonical links and share cards, e.g. https://oneira.example. Absent:
     * the address the request arrived on (the server's own socket), never the client's Host header.
     */
    Optional<String> publicUrl();
}
