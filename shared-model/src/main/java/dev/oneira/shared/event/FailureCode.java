package dev.oneira.shared.event;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * Why a dream failed, for machines; the people's version is the reason text. Readers map codes they
 * do not know (from a newer writer) to {@link #INTERNAL}.
 */
public enum FailureCode {
    /** The uploaded bytes are not an image we can read. Not retryable. */
    UNDECODABLE_IMAGE,
    /** The spec breaks a bound (should have been caught at the gallery). Not retryable. */
    INVALID_SPEC,
    /** The object store could not be reached or refused; retryable. */
    STORAGE_UNAVAILABLE,
    /** Kafka could not be reached, so the request was never sent; retryable. */
    MESSAGING_UNAVAILABLE,
    /** The person or an operator cancelled the dream. */
    CANCELLED,
    /** Anything else: a bug or an unexpected failure. */
    @JsonEnumDefaultValue
    INTERNAL
}
