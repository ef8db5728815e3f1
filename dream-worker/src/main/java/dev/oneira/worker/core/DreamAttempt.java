package dev.oneira.worker.core;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import dev.oneira.engine.dream.DreamEngine;
import dev.oneira.engine.dream.DreamInputs;
import dev.oneira.engine.dream.DreamResult;
import dev.oneira.engine.image.ImageConversions;
import dev.oneira.engine.image.ImageFileException;
import dev.oneira.engine.image.ImageFiles;
import dev.oneira.shared.event.DreamCompleted;
import dev.oneira.shared.event.DreamEvent;
import dev.oneira.shared.event.DreamFailed;
import dev.oneira.shared.event.DreamRequested;
import dev.oneira.shared.event.DreamStarted;
import dev.oneira.shared.event.FailureCode;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamError;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.DreamStatus;
import dev.oneira.shared.manifest.EngineIdentity;
import dev.oneira.shared.manifest.ManifestDecodingException;
import dev.oneira.shared.manifest.Visibility;
import dev.oneira.shared.moderation.Screening;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.spec.InvalidSpecException;
import dev.oneira.shared.store.ObjectKeys;
import dev.oneira.store.ManifestStore;
import dev.oneira.store.ObjectStore;
import io.micrometer.core.instrument.Timer;

/**
 * One try at one request; the fields carry what later steps and failure reports need.
 *
 * <p>Order of writes, so that a crash at any point is safe to redeliver: manifest DREAMING (with the
 * seed), DreamStarted, previews and DreamProgress while dreaming, then {@code dreams/{id}.png}, the
 * two thumbnails, the manifest DONE and last DreamCompleted (waiting for the broker). A redelivery
 * whose manifest says DONE and whose result exists only sends DreamCompleted again; any other state
 * is dreamt again from the start with the seed the manifest recorded, so the redo gives the same
 * image the first try would have given.
 *
 * <p>An animation ({@link AnimationRun}) checkpoints its frames as it goes ({@code checkpoints/{id}/})
 * and a redo resumes after the last checkpointed frame instead of frame 0; it stores the video, its
 * preview loop and poster before the dream (frame 0) and the rest, and removes the checkpoint after
 * DreamCompleted.
 *
 * <p>Transient faults (store or broker unreachable) are retried with backoff until the outage
 * budget is spent: a dream that has finished keeps its result in memory meanwhile, so an outage
 * shorter than the budget costs no work. Waiting to retry counts as activity for the liveness
 * check: the worker is patient on purpose, not stuck.
 */
final class DreamAttempt {

    private static final Logger LOG = Logger.getLogger(DreamAttempt.class);

    private final DreamRequested request;
    private final DreamId id;
    private final BooleanSupplier cancelled;
    private final ObjectStore store;
    private final ManifestStore manifests;
    private final EventSink events;
    private final Supplier<DreamEngine> engine;
    private final Supplier<EngineIdentity> identity;
    private final WorkerSettings settings;
    private final StoreOutage outage;
    private final AtomicLong lastActivity;
    private final Timer stepTimer;
    private final Retries retries;
    private final ScreeningGate screening;
    /** When this worker took the request ({@link System#nanoTime}): DreamCompleted's serviceMs counts from here. */
    private final long takenNanos;
    private DreamManifest manifest;

    DreamAttempt(DreamRequested request, BooleanSupplier cancelled, ObjectStore store, EventSink events,
                 Supplier<DreamEngine> engine, Supplier<EngineIdentity> identity, Screener screener,
                 WorkerSettings settings, StoreOutage outage, AtomicLong lastActivity, Timer stepTimer,
                 long takenNanos) {
        this.request = request;
        this.id = request.dreamId();
        this.cancelled = cancelled;
        this.store = store;
        this.manifests = new ManifestStore(store);
        this.events = events;
        this.engine = engine;
        this.identity = identity;
        this.settings = settings;
        this.outage = outage;
        this.lastActivity = lastActivity;
        this.stepTimer = stepTimer;
        this.takenNanos = takenNanos;
        this.retries = new Retries(id, cancelled, settings, outage, lastActivity);
        this.screening = new ScreeningGate(request, screener, manifests, events, retries, settings);
    }

    Outcome run() {
        manifest = storeCall("read the manifest", () -> readManifest().orElse(null));
        if (manifest != null && manifest.status() == DreamStatus.DONE && resultStored(manifest.spec())) {
            return answerAgain();
        }
        Optional<Outcome> stillHeld = screening.answerHeldAgain(manifest);
        if (stillHeld.isPresent()) {
            return stillHeld.get();
        }

        DreamSpec spec = specWithSeed();
        byte[] bytes = storeCall("read the photo", () -> store.get(request.originalKey())).orElseThrow(() -> {
            LOG.warnf("dream %s: the photo %s is not in the object store", id, request.originalKey());
            return new Failures.Rejected(FailureCode.INTERNAL, PlainWords.PHOTO_MISSING);
        });
        BufferedImage decoded;
        try {
            decoded = ImageFiles.decode(bytes, request.originalKey());
        } catch (ImageFileException e) {
            LOG.warnf("dream %s: the photo does not decode: %s", id, e.getMessage());
            throw new Failures.Rejected(FailureCode.UNDECODABLE_IMAGE, PlainWords.UNDECODABLE);
        }
        BufferedImage photo = ImageFiles.fitWithin(decoded, spec.maxSide());
        InputImages.Read read;
        try {
            read = InputImages.read(id, spec, ImageConversions.toPlanes(photo), (what, key) -> storeCall(what,
                    () -> store.get(key)));
        } catch (InputImages.Unusable e) {
            throw new Failures.Rejected(e.code(), e.getMessage());
        }
        DreamInputs inputs = read.inputs();

        DreamManifest base = manifest != null ? manifest
                : DreamManifest.queued(id, spec, decoded.getWidth(), decoded.getHeight(), request.requestedAt(),
                        Visibility.PUBLIC, null);
        Screening screened = screening.screening(manifest, decoded, read.guide());
        if (screening.holds(screened, manifest)) {
            return screening.hold(base, screened);
        }
        Instant startedAt = Instant.now();
        // The seed is in the manifest before the first step: a redo after a crash reuses it.
        // With the network and engine that dream it (issue 15): the same identity, spec and seed give the same bytes.
        EngineIdentity dreamtWith = identity.get();
        manifest = screening.passed(base, screened).dreaming(spec, settings.workerId(), startedAt).withEngine(dreamtWith);
        writeManifest(manifest);
        ProgressReporter.sendLater(events, DreamStarted.of(id, settings.workerId(), spec.seed(), spec.totalSteps())
                .withScreening(screened).withEngine(dreamtWith));
        LOG.infof("dreaming %s (%dx%d, %d steps, seed %d)", id, photo.getWidth(), photo.getHeight(),
                spec.totalSteps(), spec.seed());

        if (spec.animation() != null) {
            return animate(spec, photo, inputs, startedAt);
        }
        DreamResult result = engine.get().dream(inputs, spec, reporter(ProgressReporter.STILL), cancelled);
        result.notices().forEach(n -> LOG.infof("dream %s: %s", id, n));
        BufferedImage dream = ImageConversions.toImage(result.image());
        finish(spec.withSeed(result.seed()), photo, dream, startedAt, null);
        LOG.infof("dream %s done (%d steps, final loss %.4f)", id, result.steps(), result.finalLoss());
        return Outcome.of(Outcome.Kind.COMPLETED, id, "done");
    }

    /** An animation: frames, video, loop and poster by {@link AnimationRun}, then stored like a still plus those. */
    private Outcome animate(DreamSpec spec, BufferedImage photo, DreamInputs inputs, Instant startedAt) {
        CheckpointStore checkpoints = new CheckpointStore(id, store, this::storeCall, outage, lastActivity,
                settings.checkpointInterval());
        try (AnimationRun run = new AnimationRun(id, spec, checkpoints, this::reporter, settings, cancelled)) {
            AnimationRun.Finished done = run.run(engine.get(), inputs);
            finish(spec, photo, done.firstFrame(), startedAt, done);
            // Stored and announced: the checkpoint is no longer needed (a redelivery answers from the manifest).
            run.completed();
            LOG.infof("dream %s done: %d frames dreamt here, %d resumed from a checkpoint, final loss %.4f", id,
                    done.framesDreamt(), done.framesResumed(), done.finalLoss());
            return Outcome.of(Outcome.Kind.COMPLETED, id, "done");
        }
    }

    private ProgressReporter reporter(ProgressReporter.Position position) {
        return new ProgressReporter(id, store, events, settings, stepTimer, lastActivity, outage, position);
    }

    /**
     * Stores the result and announces it: for an animation the video, its preview loop and poster
     * first, then (as for a still) the dream (an animation's frame 0), the thumbnails, the manifest DONE
     * and DreamCompleted. Every object is a whole-object PUT and the manifest says DONE only after all
     * of them, so nothing is half visible. Everything is on hand (in memory or on this machine's disk)
     * while the retries below wait out a store outage.
     */
    private void finish(DreamSpec used, BufferedImage photo, BufferedImage dream, Instant startedAt,
                        AnimationRun.Finished video) {
        byte[] png = ImageFiles.encode(dream, ImageFiles.Format.PNG, 0f);
        byte[] originalThumb = ImageFiles.encode(ImageFiles.fitWithin(photo, settings.thumbMaxSide()),
                ImageFiles.Format.JPEG, 0.85f);
        byte[] dreamThumb = ImageFiles.encode(ImageFiles.fitWithin(dream, settings.thumbMaxSide()),
                ImageFiles.Format.JPEG, 0.85f);

        // The owner may have hidden or deleted the dream meanwhile: their manifest wins.
        DreamManifest current = storeCall("read the manifest", () -> readManifest().orElse(null));
        if (current == null) {
            throw new Failures.DeletedMeanwhile();
        }
        manifest = current;
        if (video != null) {
            putFile(ObjectKeys.video(id), video.video(), "video/mp4");
            putFile(ObjectKeys.previewLoop(id), video.previewLoop(), "image/webp");
            put(ObjectKeys.poster(id), video.poster(), "image/jpeg");
        }
        put(ObjectKeys.dream(id), png, "image/png");
        put(ObjectKeys.originalThumb(id), originalThumb, "image/jpeg");
        put(ObjectKeys.dreamThumb(id), dreamThumb, "image/jpeg");

        long elapsedMs = Duration.between(startedAt, Instant.now()).toMillis();
        manifest = manifest.done(used, dream.getWidth(), dream.getHeight(), Instant.now(), elapsedMs,
                settings.workerId());
        writeManifest(manifest);
        long serviceMs = Duration.ofNanos(System.nanoTime() - takenNanos).toMillis();
        send("send DreamCompleted", new OutgoingEvent(completed(DreamEvent.now(), dream.getWidth(), dream.getHeight(),
                elapsedMs, settings.workerId(), used).withServiceMs(serviceMs)), settings.retry());
        LOG.infof("dream %s stored and announced after %d ms dreaming, %d ms since it was taken", id, elapsedMs,
                serviceMs);
    }

    /** The one DreamCompleted of this dream (its eventId derived from the id), with the video's keys for an animation. */
    private DreamCompleted completed(Instant at, int width, int height, long elapsedMs, String worker, DreamSpec used) {
        DreamCompleted event = new DreamCompleted(DreamRequestProcessor.completedEventId(id), id, at,
                ObjectKeys.dream(id), ObjectKeys.originalThumb(id), ObjectKeys.dreamThumb(id), width, height, elapsedMs,
                worker, used.seed() == null ? 0 : used.seed());
        event = event.withEngine(manifest == null ? null : manifest.engine());
        return used.animation() == null ? event
                : event.withVideo(ObjectKeys.video(id), ObjectKeys.previewLoop(id), ObjectKeys.poster(id));
    }

    /** Whether a DONE manifest's result is all there: the dream, and for an animation its video. */
    private boolean resultStored(DreamSpec done) {
        return storeCall("look up the result", () -> store.exists(ObjectKeys.dream(id))
                && (done.animation() == null || store.exists(ObjectKeys.video(id))));
    }

    /** A redelivered request whose dream is stored: DreamCompleted again (from the manifest), no dreaming. */
    private Outcome answerAgain() {
        LOG.infof("dream %s is already done; sending DreamCompleted again", id);
        DreamSpec done = manifest.spec();
        send("send DreamCompleted", new OutgoingEvent(completed(
                manifest.completedAt() == null ? DreamEvent.now() : manifest.completedAt(),
                nullToZero(manifest.dreamWidth()), nullToZero(manifest.dreamHeight()),
                manifest.elapsedMs() == null ? 0 : manifest.elapsedMs(),
                manifest.worker() == null ? settings.workerId() : manifest.worker(), done)), settings.retry());
        if (done.animation() != null) {
            // A worker that died between DreamCompleted and removing the checkpoint left it behind.
            new CheckpointStore(id, store, this::storeCall, outage, lastActivity, settings.checkpointInterval())
                    .deleteAll();
        }
        return Outcome.of(Outcome.Kind.ALREADY_COMPLETED, id, "already done");
    }

    /** The request's spec, validated, with the seed: the request's, else the one a former try recorded, else new. */
    private DreamSpec specWithSeed() {
        DreamSpec requested;
        try {
            requested = request.spec().validate();
        } catch (InvalidSpecException e) {
            // The validator's message names the fields and their bounds: fit for people.
            throw new Failures.Rejected(FailureCode.INVALID_SPEC, e.getMessage());
        }
        Long recorded = manifest == null ? null : manifest.spec().seed();
        if (requested.seed() == null && recorded != null) {
            LOG.infof("dream %s: dreamt again with the seed %d a former try chose", id, recorded);
            return requested.withSeed(recorded);
        }
        return requested.withSeedChosenIfAbsent();
    }

    /** Manifest FAILED (best effort) and DreamFailed. {@code error.reason()} is plain words. */
    void fail(DreamError error, Backoff backoff) {
        try {
            DreamManifest base = manifest != null ? manifest : readManifest().orElse(null);
            if (base != null) {
                DreamManifest failed = base.failed(error, Instant.now());
                retrying("write the manifest", () -> {
                    manifests.write(failed);
                    return null;
                }, backoff);
            }
        } catch (RuntimeException e) {
            LOG.warnf("dream %s: could not mark the manifest FAILED: %s", id, e.getMessage());
        }
        try {
            send("send DreamFailed", new OutgoingEvent(DreamFailed.of(id, error.reason(), error.code(),
                    error.retryable(), settings.workerId())), backoff);
        } catch (RuntimeException e) {
            LOG.warnf("dream %s: could not send DreamFailed: %s", id, e.getMessage());
        }
    }

    /** Removes what this attempt stored (best effort): the owner deleted the dream meanwhile. */
    void discard() {
        try {
            for (String prefix : ObjectKeys.allPrefixes(id)) {
                store.deletePrefix(prefix);
            }
            store.delete(ObjectKeys.video(id));
            store.delete(ObjectKeys.previewLoop(id));
            store.delete(ObjectKeys.poster(id));
            store.delete(ObjectKeys.dream(id));
            store.delete(ObjectKeys.originalThumb(id));
            store.delete(ObjectKeys.dreamThumb(id));
        } catch (RuntimeException e) {
            LOG.warnf("dream %s: could not remove its previews after its deletion: %s", id, e.getMessage());
        }
    }

    /**
     * When the request goes back (cancelled, or put back past the outage budget): the manifest says
     * QUEUED again, keeping the seed (best effort: when the store is down this fails, and the
     * gallery tells a DREAMING dream without progress as waiting for a worker).
     */
    void requeue() {
        if (manifest == null || manifest.status() != DreamStatus.DREAMING) {
            return;
        }
        try {
            manifests.write(manifest.withStatus(DreamStatus.QUEUED));
        } catch (RuntimeException e) {
            LOG.warnf("dream %s: could not set the manifest back to QUEUED: %s", id, e.getMessage());
        }
    }

    private Optional<DreamManifest> readManifest() {
        try {
            return manifests.read(id);
        } catch (ManifestDecodingException e) {
            LOG.warnf("dream %s: ignoring an unreadable manifest (%s); it will be rewritten", id, e.getMessage());
            return Optional.empty();
        }
    }

    private void writeManifest(DreamManifest m) {
        storeCall("store the manifest", () -> {
            manifests.write(m);
            return null;
        });
    }

    private void putFile(String key, java.nio.file.Path file, String type) {
        storeCall("store " + key, () -> {
            store.put(key, file, type);
            return null;
        });
    }

    private void put(String key, byte[] bytes, String type) {
        storeCall("store " + key, () -> {
            store.put(key, bytes, type);
            return null;
        });
    }

    private <T> T storeCall(String what, Supplier<T> action) {
        return retries.storeCall(what, action);
    }

    private <T> T retrying(String what, Supplier<T> action, Backoff backoff) {
        return retries.retrying(what, action, backoff);
    }

    private void send(String what, OutgoingEvent event, Backoff backoff) {
        retrying(what, () -> {
            event.awaitSent(events, settings.eventTimeout());
            return null;
        }, backoff);
    }

    private static int nullToZero(Integer value) {
        return value == null ? 0 : value;
    }
}
