package dev.oneira.worker.core;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.oneira.engine.dream.DreamCancelledException;
import dev.oneira.engine.dream.DreamEngine;
import dev.oneira.engine.dream.DreamInputs;
import dev.oneira.engine.dream.DreamListener;
import dev.oneira.engine.dream.DreamResult;
import dev.oneira.engine.dream.DreamStep;
import dev.oneira.engine.image.ImageConversions;
import dev.oneira.engine.image.ImageFileException;
import dev.oneira.engine.image.ImageFiles;
import dev.oneira.shared.event.DreamCompleted;
import dev.oneira.shared.event.DreamEvent;
import dev.oneira.shared.event.DreamFailed;
import dev.oneira.shared.event.DreamProgress;
import dev.oneira.shared.event.DreamRequested;
import dev.oneira.shared.event.DreamStarted;
import dev.oneira.shared.event.EventCodec;
import dev.oneira.shared.event.FailureCode;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamError;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.DreamStatus;
import dev.oneira.shared.manifest.ManifestCodec;
import dev.oneira.shared.manifest.ManifestDecodingException;
import dev.oneira.shared.manifest.Visibility;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.spec.InvalidSpecException;
import dev.oneira.shared.store.ObjectKeys;
import dev.oneira.store.ObjectStore;
import dev.oneira.store.ObjectStoreException;
import dev.oneira.store.ObjectStoreUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Handles one {@code DreamRequested} record from start to end: no Kafka consumer, no framework, so
 * the Quarkus consumer and plain test consumers share it. The caller acts on the {@link Outcome}:
 * ack, send to the DLQ, or leave the record un-acked.
 *
 * <p>Order of writes, so that a crash at any point is safe to redeliver: manifest DREAMING,
 * DreamStarted, previews and DreamProgress while dreaming, then {@code dreams/{id}.png}, the two
 * thumbnails, the manifest DONE and last DreamCompleted (waiting for the broker). A redelivery
 * whose manifest says DONE and whose result exists only sends DreamCompleted again; any other
 * state is dreamt again from the start (a dream is deterministic given its recorded seed).
 */
public final class DreamRequestProcessor {

    private static final Logger LOG = Logger.getLogger(DreamRequestProcessor.class);
    private static final ObjectMapper LENIENT = new ObjectMapper();

    private final ObjectStore store;
    private final EventSink events;
    private final Supplier<DreamEngine> engine;
    private final WorkerSettings settings;

    private final Counter completed;
    private final Counter alreadyCompleted;
    private final MeterRegistry registry;
    private final Timer dreamTimer;
    private final Timer stepTimer;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** System.nanoTime() of the last sign of life of a dream in flight (start or step). */
    private final AtomicLong lastActivity = new AtomicLong(System.nanoTime());

    public DreamRequestProcessor(ObjectStore store, EventSink events, Supplier<DreamEngine> engine,
                                 WorkerSettings settings, MeterRegistry registry) {
        this.store = store;
        this.events = events;
        this.engine = engine;
        this.settings = settings;
        this.registry = registry;
        this.completed = Counter.builder("oneira.dreams.completed")
                .description("Dreams dreamt and stored by this worker").register(registry);
        this.alreadyCompleted = Counter.builder("oneira.dreams.redelivered.completed")
                .description("Redelivered requests answered from a stored result without dreaming").register(registry);
        this.dreamTimer = Timer.builder("oneira.dream.duration")
                .description("Time to dream one request, from taking it to DreamCompleted").register(registry);
        this.stepTimer = Timer.builder("oneira.dream.step.duration")
                .description("Time of one gradient step (all tiles of the image)").register(registry);
        registry.gauge("oneira.dreams.in.flight", inFlight);
    }

    public WorkerSettings settings() {
        return settings;
    }

    /** Dreams being worked on now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** How long the dream in flight has shown no progress; zero when idle. */
    public Duration stalledFor() {
        return inFlight.get() == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - lastActivity.get());
    }

    /**
     * Handles one record's value. Never throws: every failure ends in an outcome.
     *
     * @param cancelled checked between tiles and between retries; when it turns true the dream is
     *                  abandoned (left un-acked)
     */
    public Outcome process(String payload, BooleanSupplier cancelled) {
        DreamRequested request;
        try {
            request = EventCodec.decode(payload.getBytes(StandardCharsets.UTF_8), DreamRequested.class);
        } catch (RuntimeException e) {
            return unreadable(payload, e);
        }
        DreamId id = request.dreamId();
        inFlight.incrementAndGet();
        lastActivity.set(System.nanoTime());
        long start = System.nanoTime();
        Attempt attempt = new Attempt(request, cancelled);
        try {
            Outcome outcome = attempt.run();
            if (outcome.kind() == Outcome.Kind.COMPLETED) {
                completed.increment();
                dreamTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            } else if (outcome.kind() == Outcome.Kind.ALREADY_COMPLETED) {
                alreadyCompleted.increment();
            }
            return outcome;
        } catch (Rejected e) {
            LOG.warnf("dream %s rejected (%s): %s", id, e.code, e.getMessage());
            attempt.fail(new DreamError(e.getMessage(), e.code, false), settings.retry());
            return Outcome.of(Outcome.Kind.REJECTED, id, e.getMessage());
        } catch (TransientFailure e) {
            LOG.errorf("dream %s: giving up after %d attempts, to the dead-letter queue: %s", id,
                    settings.retry().attempts(), e.getMessage());
            // The store or broker is probably still down: one quick try each, no long retries.
            attempt.fail(new DreamError(e.getMessage(), e.code, true), new Backoff(1, Duration.ZERO, Duration.ZERO));
            return Outcome.of(Outcome.Kind.DEAD_LETTER, id, e.getMessage());
        } catch (DeletedMeanwhile e) {
            LOG.infof("dream %s was deleted by its owner while it was dreamt; its results are not kept", id);
            attempt.discard();
            return Outcome.of(Outcome.Kind.REJECTED, id, "deleted by its owner");
        } catch (DreamCancelledException | Abandoned e) {
            LOG.infof("dream %s cancelled (%s); left un-acked for another worker", id, e.getMessage());
            attempt.requeue();
            return Outcome.of(Outcome.Kind.ABANDONED, id, "cancelled: " + e.getMessage());
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "dream %s failed unexpectedly; to the dead-letter queue", id);
            String reason = "the worker failed unexpectedly: " + e;
            attempt.fail(new DreamError(reason, FailureCode.INTERNAL, false), new Backoff(1, Duration.ZERO, Duration.ZERO));
            return Outcome.of(Outcome.Kind.DEAD_LETTER, id, reason);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private Outcome unreadable(String payload, RuntimeException e) {
        String reason = "unreadable dream request: " + e.getMessage();
        failedCounter(FailureCode.INTERNAL, false).increment();
        Optional<DreamId> id = idOf(payload);
        LOG.warnf("%s (dream id %s); to the dead-letter queue", reason, id.map(DreamId::toString).orElse("unknown"));
        id.ifPresent(dreamId -> {
            try {
                sendAndWait(DreamFailed.of(dreamId, "the dream request could not be read: " + e.getMessage(),
                        FailureCode.INTERNAL, false, settings.workerId()));
            } catch (RuntimeException sendFailure) {
                LOG.warnf("could not send DreamFailed for unreadable request %s: %s", dreamId, sendFailure.getMessage());
            }
        });
        return Outcome.of(Outcome.Kind.DEAD_LETTER, id.orElse(null), reason);
    }

    /** The dream id of a request that did not decode, when it has a valid one. */
    private static Optional<DreamId> idOf(String payload) {
        try {
            JsonNode tree = LENIENT.readTree(payload);
            JsonNode id = tree == null ? null : tree.get("dreamId");
            return id != null && id.isTextual() && DreamId.isValid(id.textValue())
                    ? Optional.of(DreamId.parse(id.textValue())) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private Counter failedCounter(FailureCode code, boolean retryable) {
        return Counter.builder("oneira.dreams.failed")
                .description("Dreams that ended in DreamFailed or the dead-letter queue")
                .tag("code", code.name()).tag("retryable", Boolean.toString(retryable))
                .register(registry);
    }

    private void sendAndWait(DreamEvent event) {
        try {
            events.send(event).toCompletableFuture().get(settings.eventTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventNotSent("interrupted while sending " + event.type(), e);
        } catch (ExecutionException e) {
            throw new EventNotSent("cannot send " + event.type() + " to Kafka: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new EventNotSent("Kafka did not take " + event.type() + " within " + settings.eventTimeout(), e);
        }
    }

    private void sendLater(DreamEvent event) {
        events.send(event).whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.warnf("could not send %s for dream %s: %s", event.type(), event.dreamId(), failure.getMessage());
            }
        });
    }

    /** One try at one request; the fields carry what later steps and failure reports need. */
    private final class Attempt {
        private final DreamRequested request;
        private final DreamId id;
        private final BooleanSupplier cancelled;
        private DreamManifest manifest;

        Attempt(DreamRequested request, BooleanSupplier cancelled) {
            this.request = request;
            this.id = request.dreamId();
            this.cancelled = cancelled;
        }

        Outcome run() {
            manifest = retrying("read the manifest", () -> readManifest().orElse(null), settings.retry());
            if (manifest != null && manifest.status() == DreamStatus.DONE
                    && retrying("look up the result", () -> store.exists(ObjectKeys.dream(id)), settings.retry())) {
                LOG.infof("dream %s is already done; sending DreamCompleted again", id);
                DreamSpec spec = manifest.spec();
                retrying("send DreamCompleted", () -> {
                    sendAndWait(new DreamCompleted(DreamEvent.newEventId(), id, Instant.now(), ObjectKeys.dream(id),
                            ObjectKeys.originalThumb(id), ObjectKeys.dreamThumb(id),
                            nullToZero(manifest.dreamWidth()), nullToZero(manifest.dreamHeight()),
                            manifest.elapsedMs() == null ? 0 : manifest.elapsedMs(),
                            manifest.worker() == null ? settings.workerId() : manifest.worker(),
                            spec.seed() == null ? 0 : spec.seed()));
                    return null;
                }, settings.retry());
                return Outcome.of(Outcome.Kind.ALREADY_COMPLETED, id, "already done");
            }

            DreamSpec spec;
            try {
                spec = request.spec().validate().withSeedChosenIfAbsent();
            } catch (InvalidSpecException e) {
                throw new Rejected(FailureCode.INVALID_SPEC, e.getMessage());
            }
            byte[] bytes = retrying("read the photo", () -> store.get(request.originalKey()), settings.retry())
                    .orElseThrow(() -> new Rejected(FailureCode.INTERNAL,
                            "the photo " + request.originalKey() + " is not in the object store"));
            BufferedImage decoded;
            try {
                decoded = ImageFiles.decode(bytes, request.originalKey());
            } catch (ImageFileException e) {
                throw new Rejected(FailureCode.UNDECODABLE_IMAGE, e.getMessage());
            }
            BufferedImage photo = ImageFiles.fitWithin(decoded, spec.maxSide());
            DreamInputs inputs;
            try {
                inputs = InputImages.read(id, spec, ImageConversions.toPlanes(photo),
                        (what, key) -> retrying(what, () -> store.get(key), settings.retry()));
            } catch (InputImages.Unusable e) {
                throw new Rejected(e.code(), e.getMessage());
            }

            Instant startedAt = Instant.now();
            DreamManifest base = manifest != null ? manifest
                    : DreamManifest.queued(id, spec, decoded.getWidth(), decoded.getHeight(), request.requestedAt(),
                            Visibility.PUBLIC, null);
            manifest = base.dreaming(spec, settings.workerId(), startedAt);
            writeManifest(manifest);
            sendLater(DreamStarted.of(id, settings.workerId(), spec.seed(), spec.totalSteps()));
            LOG.infof("dreaming %s (%dx%d, %d steps, seed %d)", id, photo.getWidth(), photo.getHeight(),
                    spec.totalSteps(), spec.seed());

            DreamResult result = engine.get().dream(inputs, spec, new Progress(id), cancelled);
            result.notices().forEach(n -> LOG.infof("dream %s: %s", id, n));

            // The owner may have hidden or deleted the dream meanwhile: their manifest wins.
            DreamManifest current = retrying("read the manifest", () -> readManifest().orElse(null), settings.retry());
            if (current == null) {
                throw new DeletedMeanwhile();
            }
            manifest = current;

            BufferedImage dream = ImageConversions.toImage(result.image());
            byte[] png = ImageFiles.encode(dream, ImageFiles.Format.PNG, 0f);
            byte[] originalThumb = ImageFiles.encode(ImageFiles.fitWithin(photo, settings.thumbMaxSide()),
                    ImageFiles.Format.JPEG, 0.85f);
            byte[] dreamThumb = ImageFiles.encode(ImageFiles.fitWithin(dream, settings.thumbMaxSide()),
                    ImageFiles.Format.JPEG, 0.85f);
            put(ObjectKeys.dream(id), png, "image/png");
            put(ObjectKeys.originalThumb(id), originalThumb, "image/jpeg");
            put(ObjectKeys.dreamThumb(id), dreamThumb, "image/jpeg");

            long elapsedMs = Duration.between(startedAt, Instant.now()).toMillis();
            DreamSpec used = spec.withSeed(result.seed());
            manifest = manifest.done(used, dream.getWidth(), dream.getHeight(), Instant.now(), elapsedMs,
                    settings.workerId());
            writeManifest(manifest);
            retrying("send DreamCompleted", () -> {
                sendAndWait(DreamCompleted.of(id, ObjectKeys.dream(id), ObjectKeys.originalThumb(id),
                        ObjectKeys.dreamThumb(id), dream.getWidth(), dream.getHeight(), elapsedMs,
                        settings.workerId(), result.seed()));
                return null;
            }, settings.retry());
            LOG.infof("dream %s done in %d ms (%d steps, final loss %.4f)", id, elapsedMs, result.steps(),
                    result.finalLoss());
            return Outcome.of(Outcome.Kind.COMPLETED, id, "done");
        }

        /** Manifest FAILED (best effort) and DreamFailed. */
        void fail(DreamError error, Backoff backoff) {
            failedCounter(error.code(), error.retryable()).increment();
            try {
                DreamManifest base = manifest != null ? manifest : readManifest().orElse(null);
                if (base != null) {
                    DreamManifest failed = base.failed(error, Instant.now());
                    retrying("write the manifest", () -> {
                        store.put(ObjectKeys.manifest(id), ManifestCodec.encode(failed), "application/json");
                        return null;
                    }, backoff);
                }
            } catch (RuntimeException e) {
                LOG.warnf("dream %s: could not mark the manifest FAILED: %s", id, e.getMessage());
            }
            try {
                retrying("send DreamFailed", () -> {
                    sendAndWait(DreamFailed.of(id, error.reason(), error.code(), error.retryable(), settings.workerId()));
                    return null;
                }, backoff);
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

        /** After a cancel: the manifest says QUEUED again (best effort), as the request goes back. */
        void requeue() {
            if (manifest == null || manifest.status() != DreamStatus.DREAMING) {
                return;
            }
            try {
                store.put(ObjectKeys.manifest(id), ManifestCodec.encode(manifest.withStatus(DreamStatus.QUEUED)),
                        "application/json");
            } catch (RuntimeException e) {
                LOG.warnf("dream %s: could not set the manifest back to QUEUED: %s", id, e.getMessage());
            }
        }

        private Optional<DreamManifest> readManifest() {
            return store.get(ObjectKeys.manifest(id)).flatMap(bytes -> {
                try {
                    return Optional.of(ManifestCodec.decode(bytes));
                } catch (ManifestDecodingException e) {
                    LOG.warnf("dream %s: ignoring an unreadable manifest (%s); it will be rewritten", id, e.getMessage());
                    return Optional.empty();
                }
            });
        }

        private void writeManifest(DreamManifest m) {
            put(ObjectKeys.manifest(id), ManifestCodec.encode(m), "application/json");
        }

        private void put(String key, byte[] bytes, String type) {
            retrying("store " + key, () -> {
                store.put(key, bytes, type);
                return null;
            }, settings.retry());
        }

        /** Retries transient faults with backoff; gives up with a {@link TransientFailure}. */
        private <T> T retrying(String what, Supplier<T> action, Backoff backoff) {
            for (int attempt = 1; ; attempt++) {
                try {
                    return action.get();
                } catch (ObjectStoreUnavailableException | EventNotSent e) {
                    FailureCode code = e instanceof EventNotSent ? FailureCode.MESSAGING_UNAVAILABLE
                            : FailureCode.STORAGE_UNAVAILABLE;
                    if (attempt >= backoff.attempts()) {
                        throw new TransientFailure(code, "could not " + what + " after " + attempt + " attempt"
                                + (attempt == 1 ? "" : "s") + ": " + e.getMessage(), e);
                    }
                    Duration wait = backoff.delayAfter(attempt);
                    LOG.warnf("dream %s: could not %s (attempt %d of %d), trying again in %d ms: %s", id, what,
                            attempt, backoff.attempts(), wait.toMillis(), e.getMessage());
                    pause(wait);
                } catch (ObjectStoreException e) {
                    // Not transient (access denied, no bucket): retrying will not help, but the request is fine.
                    throw new TransientFailure(FailureCode.STORAGE_UNAVAILABLE, "could not " + what + ": "
                            + e.getMessage(), e);
                }
            }
        }

        private void pause(Duration wait) {
            long until = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < until) {
                if (cancelled.getAsBoolean()) {
                    throw new Abandoned("cancelled while waiting to retry");
                }
                try {
                    Thread.sleep(Math.max(1, Math.min(100, (until - System.nanoTime()) / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Abandoned("interrupted while waiting to retry");
                }
            }
        }
    }

    /** Reports steps: times them, and sends DreamProgress with a preview when due. */
    private final class Progress implements DreamListener {
        private final DreamId id;
        private long lastStep = System.nanoTime();
        private long lastReport = System.nanoTime();
        private int previews;

        Progress(DreamId id) {
            this.id = id;
        }

        @Override
        public void onStep(DreamStep step) {
            long now = System.nanoTime();
            stepTimer.record(now - lastStep, TimeUnit.NANOSECONDS);
            lastStep = now;
            lastActivity.set(now);
            boolean due = step.lastOfOctave() || now - lastReport >= settings.progressInterval().toNanos();
            if (!due) {
                return;
            }
            lastReport = now;
            String previewKey = null;
            if (previews <= ObjectKeys.MAX_PREVIEW_INDEX) {
                try {
                    BufferedImage preview = step.preview().render(settings.previewMaxSide());
                    String key = ObjectKeys.preview(id, previews);
                    store.put(key, ImageFiles.encode(preview, ImageFiles.Format.JPEG, 0.8f), "image/jpeg");
                    previews++;
                    previewKey = key;
                } catch (ObjectStoreException e) {
                    // A preview is a nicety: the dream goes on, the progress event goes without it.
                    LOG.warnf("dream %s: could not store a preview: %s", id, e.getMessage());
                }
            }
            sendLater(DreamProgress.of(id, step.octave(), step.octaveCount(), step.step(), step.stepsPerOctave(),
                    step.loss(), previewKey, step.elapsed().toMillis()));
        }
    }

    private static int nullToZero(Integer value) {
        return value == null ? 0 : value;
    }

    /** Bad input: retrying cannot help. */
    private static final class Rejected extends RuntimeException {
        final FailureCode code;

        Rejected(FailureCode code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    /** A transient fault outlived its retries. */
    private static final class TransientFailure extends RuntimeException {
        final FailureCode code;

        TransientFailure(FailureCode code, String message, Throwable cause) {
            super(message, cause);
            this.code = code;
        }
    }

    /** Kafka did not take an event in time. */
    private static final class EventNotSent extends RuntimeException {
        EventNotSent(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The manifest vanished while dreaming: the owner deleted the dream. */
    private static final class DeletedMeanwhile extends RuntimeException {
        DeletedMeanwhile() {
            super("deleted by its owner", null, false, false);
        }
    }

    /** Cancelled outside the engine (while waiting to retry). */
    private static final class Abandoned extends RuntimeException {
        Abandoned(String message) {
            super(message, null, false, false);
        }
    }
}
