package dev.oneira.shared.manifest;

/**
 * Where a dream is. {@code HELD} (issue 12): the worker's screening reached the hold threshold, so it
 * is not dreamt, listed or shared until a moderator approves it (then QUEUED again) or removes it.
 */
public enum DreamStatus {
    QUEUED,
    DREAMING,
    DONE,
    FAILED,
    HELD;

    public boolean isFinal() {
        return this == DONE || this == FAILED;
    }
}
