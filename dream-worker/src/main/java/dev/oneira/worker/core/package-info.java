/**
 * The worker's plain-Java core: one request from start to end ({@link dev.oneira.worker.core.DreamRequestProcessor}),
 * its retries and outage budget, progress reports and the words a failed dream shows. No Kafka
 * consumer and no framework here: the Quarkus shell in {@code dev.oneira.worker} and plain test
 * consumers share it. Animations (zoom videos) have their own classes: {@code AnimationRun} (frames
 * into MP4 segments, the finished video, loop and poster), {@code SegmentBook} and
 * {@code CheckpointState} (which frames are in which segment, what the stored checkpoint says),
 * {@code CheckpointStore} (the checkpoint objects) and {@code AnimationProgress} (progress by frame).
 * Screening before dreaming (issue 12): {@code Screener} (the classifier and the hold threshold) and
 * {@code ScreeningGate} (which screening counts, holding a dream: manifest HELD, DreamHeld).
 */
package dev.oneira.worker.core;
