package dev.oneira.gallery;

import dev.oneira.shared.event.DreamRequested;

/** Puts a DreamRequested on dream-requests and returns once the broker has acked it. */
public interface RequestSender extends AutoCloseable {

    /**
     * @return the dream-requests partition the broker put it in (from its ack)
     * @throws MessagingUnavailableException when the broker did not take it in time
     */
    int send(DreamRequested request);

    /** False while the broker is known to be down: an upload then is refused before anything is stored. */
    boolean isAvailable();

    /** While unavailable: when to try again. */
    java.time.Duration retryAfter();

    @Override
    void close();

    class MessagingUnavailableException extends RuntimeException {
        public MessagingUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
