package dev.oneira.shared.manifest;

/** Where a dream stands. QUEUED: stored and requested; DREAMING: a worker has it; DONE and FAILED are final. */
public enum DreamStatus {
    QUEUED,
    DREAMING,
    DONE,
    FAILED;

    public boolean isFinal() {
        return this == DONE || this == FAILED;
    }
}
