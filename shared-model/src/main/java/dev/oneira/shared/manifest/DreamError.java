package dev.oneira.shared.manifest;

import dev.oneira.shared.event.FailureCode;

/** Why a dream failed: {@code reason} for people, {@code code} for machines (as in {@code DreamFailed}). */
public record DreamError(String reason, FailureCode code, boolean retryable) {

    public DreamError {
        code = code == null ? FailureCode.INTERNAL : code;
    }
}
