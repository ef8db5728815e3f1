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
import dev.oneira.shared.manifest.ManifestDecodingException;
import dev.oneira.shared.manifest.Visibility;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.spec.InvalidSpecException;
import dev.oneira.shared.store.ObjectKeys;
import dev.oneira.store.ManifestStore;
import dev.oneira.store.ObjectStore;
import dev.oneira.store.ObjectStoreException;
import dev.oneira.store.ObjectStoreUnavailableException;
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
    private final WorkerSettings settings;
    private final StoreOutage outage;
    private final AtomicLong lastActivity;
    private final Timer stepTimer;
    private DreamManifest manifest;

    DreamAttempt(DreamRequested request, BooleanSupplier cancelled, ObjectStore store, EventSink events,
                 Supplier<DreamEngine> engine, WorkerSettings settings, StoreOutage outage, AtomicLong lastActivity,
                 Timer stepTimer) {
        this.request = request;
        this.id = request.dreamId();
        this.cancelled = cancelled;
        this.store = store;
        this.manifests = new ManifestStore(store);
        this.events = events;
        this.engine = engine;
        this.settings = settings;
        this.outage = outage;
        this.lastActivity = lastActivity;
        this.stepTimer = stepTimer;
    }

    Outcome run() {
        manifest = storeCall("read the manifest", () -> readManifest().orElse(null));
        if (manifest != null && manifest.status() == DreamStatus.DONE
                && storeCall("look up the result", () -> store.exists(ObjectKeys.dream(id)))) {
            LOG.infof("dream %s is already done; sending DreamCompleted again", id);
            DreamSpec done = manifest.spec();
            send("send DreamCompleted", new OutgoingEvent(new DreamCompleted(
                    DreamRequestProcessor.completedEventId(id), id,
                    manifest.completedAt() == null ? DreamEvent.now() : manifest.completedAt(), ObjectKeys.dream(id),
                    ObjectKeys.originalThumb(id), ObjectKeys.dreamThumb(id),
                    nullToZero(manifest.dreamWidth()), nullToZero(manifest.dreamHeight()),
                    manifest.elapsedMs() == null ? 0 : manifest.elapsedMs(),
                    manifest.worker() == null ? settings.workerId() : manifest.worker(),
                    done.seed() == null ? 0 : done.seed())), settings.retry());
            return Outcome.of(Outcome.Kind.ALREADY_COMPLETED, id, "already done");
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
        DreamInputs inputs;
        try {
            inputs = InputImages.read(id, spec, ImageConversions.toPlanes(photo), (what, key) -> storeCall(what,
                    () -> store.get(key)));
        } catch (InputImages.Unusable e) {
            throw new Failures.Rejected(e.code(), e.getMessage());
        }

        Instant startedAt = Instant.now();
        DreamManifest base = manifest != null ? manifest
                : DreamManifest.queued(id, spec, decoded.getWidth(), decoded.getHeight(), request.requestedAt(),
                        Visibility.PUBLIC, null);
        // The seed is in the manifest before the first step: a redo after a crash reuses it.
        manifest = base.dreaming(spec, settings.workerId(), startedAt);
        writeManifest(manifest);
        ProgressReporter.sendLater(events, DreamStarted.of(id, settings.workerId(), spec.seed(), spec.totalSteps()));
        LOG.infof("dreaming %s (%dx%d, %d steps, seed %d)", id, photo.getWidth(), photo.getHeight(),
                spec.totalSteps(), spec.seed());

        DreamResult result = engine.get().dream(inputs, spec,
                new ProgressReporter(id, store, events, settings, stepTimer, lastActivity, outage), cancelled);
        result.notices().forEach(n -> LOG.infof("dream %s: %s", id, n));

        // From here on the result is only in memory: the retries below wait out a store outage.
        BufferedImage dream = ImageConversions.toImage(result.image());
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
        put(ObjectKeys.dream(id), png, "image/png");
        put(ObjectKeys.originalThumb(id), originalThumb, "image/jpeg");
        put(ObjectKeys.dreamThumb(id), dreamThumb, "image/jpeg");

        long elapsedMs = Duration.between(startedAt, Instant.now()).toMillis();
        DreamSpec used = spec.withSeed(result.seed());
        manifest = manifest.done(used, dream.getWidth(), dream.getHeight(), Instant.now(), elapsedMs,
                settings.workerId());
        writeManifest(manifest);
        send("send DreamCompleted", new OutgoingEvent(new DreamCompleted(DreamRequestProcessor.completedEventId(id),
                id, DreamEvent.now(), ObjectKeys.dream(id), ObjectKeys.originalThumb(id), ObjectKeys.dreamThumb(id),
                dream.getWidth(), dream.getHeight(), elapsedMs, settings.workerId(), result.seed())), settings.retry());
        LOG.infof("dream %s done in %d ms (%d steps, final loss %.4f)", id, elapsedMs, result.steps(),
                result.finalLoss());
        return Outcome.of(Outcome.Kind.COMPLETED, id, "done");
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
            store.deletePrefix(ObjectKeys.previewPrefix(id));
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

    private void put(String key, byte[] bytes, String type) {
        storeCall("store " + key, () -> {
            store.put(key, bytes, type);
            return null;
        });
    }

    /** A store call, retried through an outage; its success tells readiness that the store is back. */
    private <T> T storeCall(String what, Supplier<T> action) {
        return retrying(what, () -> {
            T result = action.get();
            outage.succeeded();
            return result;
        }, settings.retry());
    }

    private void send(String what, OutgoingEvent event, Backoff backoff) {
        retrying(what, () -> {
            event.awaitSent(events, settings.eventTimeout());
            return null;
        }, backoff);
    }

    /** Retries transient faults with backoff; gives up with a {@link Failures.TransientFailure} past the budget. */
    private <T> T retrying(String what, Supplier<T> action, Backoff backoff) {
        long firstFailure = 0;
        for (int attempt = 1; ; attempt++) {
            try {
                return action.get();
            } catch (ObjectStoreUnavailableException | Failures.EventNotSent e) {
                boolean storeFault = e instanceof ObjectStoreUnavailableException;
                FailureCode code = storeFault ? FailureCode.STORAGE_UNAVAILABLE : FailureCode.MESSAGING_UNAVAILABLE;
                if (storeFault) {
                    outage.failed();
                }
                if (attempt == 1) {
                    firstFailure = System.nanoTime();
                }
                Duration since = Duration.ofNanos(System.nanoTime() - firstFailure);
                if (backoff.exhausted(attempt, since)) {
                    throw new Failures.TransientFailure(code, "could not " + what + " after " + attempt + " attempt"
                            + (attempt == 1 ? "" : "s") + " in " + since.toMillis() + " ms: " + e.getMessage(), e);
                }
                Duration wait = backoff.delayAfter(attempt);
                LOG.warnf("dream %s: could not %s (attempt %d, failing for %d s of an outage budget of %d s), trying"
                        + " again in %d ms: %s", id, what, attempt, since.toSeconds(), backoff.budget().toSeconds(),
                        wait.toMillis(), e.getMessage());
                pause(wait);
            } catch (ObjectStoreException e) {
                // Not transient (access denied, no bucket): retrying will not help, but the request is fine.
                throw new Failures.StoreRefused("could not " + what + ": " + e.getMessage(), e);
            }
        }
    }

    private void pause(Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < until) {
            if (cancelled.getAsBoolean()) {
                throw new Failures.Abandoned("cancelled while waiting to retry");
            }
            lastActivity.set(System.nanoTime());
            try {
                Thread.sleep(Math.max(1, Math.min(100, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failures.Abandoned("interrupted while waiting to retry");
            }
        }
    }

    private static int nullToZero(Integer value) {
        return value == null ? 0 : value;
    }
}
