package dev.oneira.shared.messaging;

/** Kafka topic and consumer-group names; producers and consumers must agree, so they live here. */
public final class Topics {

    /** {@code DreamRequested}, key = dream id. Partition count caps how many workers dream at once. */
    public static final String DREAM_REQUESTS = "dream-requests";

    /** {@code DreamStarted}, {@code DreamProgress}, {@code DreamCompleted}, {@code DreamFailed}; key = dream id. */
    public static final String DREAM_EVENTS = "dream-events";

    /**
     * Requests that will not heal by themselves (unreadable, a bug, the store refusing access) or
     * that could not be put back after an outage; transient faults put the request back on
     * {@link #DREAM_REQUESTS} instead.
     */
    public static final String DREAM_REQUESTS_DLQ = "dream-requests-dlq";

    /** Consumer group of the dream workers on {@link #DREAM_REQUESTS}. */
    public static final String WORKER_GROUP = "dream-workers";

    /**
     * Consumer group of the gallery's projection of {@link #DREAM_EVENTS} into its database: one group
     * for every gallery instance, so each event is applied once across the fleet. (Live progress is read
     * by each instance without a group.)
     */
    public static final String GALLERY_GROUP = "oneira-gallery";

    private Topics() {
    }
}
