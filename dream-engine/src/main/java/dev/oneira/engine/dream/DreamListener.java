package dev.oneira.engine.dream;

/** Follows a dream's progress. Called on the dreaming thread; keep it quick. */
@FunctionalInterface
public interface DreamListener {
    DreamListener NONE = step -> { };

    void onStep(DreamStep step);
}
