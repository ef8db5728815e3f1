package dev.oneira.worker.core;

import dev.oneira.shared.event.FailureCode;

/** How one try at a request can end early; each maps to an {@link Outcome} in {@link DreamRequestProcessor}. */
final class Failures {

    private Failures() {
    }

    /** Bad input: retrying cannot help. {@code getMessage()} is for people (no keys, URLs or class names). */
    static final class Rejected extends RuntimeException {
        final FailureCode code;

        Rejected(FailureCode code, String plainWords) {
            super(plainWords, null, false, false);
            this.code = code;
        }
    }

    /** A transient fault outlived its retries and the outage budget; the request is worth trying later. */
    static final class TransientFailure extends RuntimeException {
        final FailureCode code;

        TransientFailure(FailureCode code, String message, Throwable cause) {
            super(message, cause);
            this.code = code;
        }
    }

    /** The object store refused for a reason that will not heal by itself (access denied, no bucket). */
    static final class StoreRefused extends RuntimeException {
        StoreRefused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Kafka did not take an event in time. */
    static final class EventNotSent extends RuntimeException {
        EventNotSent(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The manifest vanished while dreaming: the owner deleted the dream. */
    static final class DeletedMeanwhile extends RuntimeException {
        DeletedMeanwhile() {
            super("deleted by its owner", null, false, false);
        }
    }

    /** Cancelled outside the engine (while waiting to retry). */
    static final class Abandoned extends RuntimeException {
        Abandoned(String message) {
            super(message, null, false, false);
        }
    }
}
