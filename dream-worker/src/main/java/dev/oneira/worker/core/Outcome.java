package dev.oneira.worker.core;

import dev.oneira.shared.id.DreamId;

/**
 * What became of one request, and so what to do with its Kafka record.
 *
 * @param dreamId null when the record could not be read at all
 * @param reason  for operators and the DLQ's {@code dead-letter-reason} header (may name keys and
 *                causes; never shown to the dream's owner)
 */
public record Outcome(Kind kind, DreamId dreamId, String reason) {

    public enum Kind {
        /** Dreamt, stored, DreamCompleted sent: ack. */
        COMPLETED,
        /** A redelivery whose result was already stored: DreamCompleted sent again, ack. */
        ALREADY_COMPLETED,
        /**
         * Screened at or above the hold threshold and not released by a moderator (issue 12): manifest
         * HELD, DreamHeld sent, nothing dreamt: ack.
         */
        HELD,
        /** Bad input (undecodable photo, invalid spec): DreamFailed(retryable=false) sent, ack. */
        REJECTED,
        /**
         * The object store or the broker stayed unreachable past the outage budget: a transient fault,
         * so not a failure of the dream. Put the same request back at the end of dream-requests for a
         * later try (then ack); the manifest was set back to QUEUED where the store allowed it.
         */
        RETRY_LATER,
        /** The record is unreadable, a bug, or the store refuses for good: send it to the DLQ. */
        DEAD_LETTER,
        /** Cancelled (shutdown): neither ack nor nack, so another worker dreams it again. */
        ABANDONED
    }

    public boolean ack() {
        return kind == Kind.COMPLETED || kind == Kind.ALREADY_COMPLETED || kind == Kind.HELD || kind == Kind.REJECTED;
    }

    static Outcome of(Kind kind, DreamId id, String reason) {
        return new Outcome(kind, id, reason);
    }
}
