package dev.oneira.worker.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.oneira.engine.dream.DreamCancelledException;
import dev.oneira.engine.dream.DreamEngine;
import dev.oneira.shared.event.DreamFailed;
import dev.oneira.shared.event.DreamRequested;
import dev.oneira.shared.event.EventCodec;
import dev.oneira.shared.event.FailureCode;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamError;
import dev.oneira.shared.manifest.EngineIdentity;
import dev.oneira.store.ObjectStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Handles one {@code DreamRequested} record from start to end: no Kafka consumer, no framework, so
 * the Quarkus consumer and plain test consumers share it. The caller acts on the {@link Outcome}:
 * ack, put back for later, send to the DLQ, or leave the record un-acked. One try is a
 * {@link DreamAttempt}; this class turns how it ended into an outcome, metrics and the words the
 * dream's owner sees.
 */
public final class DreamRequestProcessor {

    private static final Logger LOG = Logger.getLogger(DreamRequestProcessor.class);
    private static final ObjectMapper LENIENT = new ObjectMapper();

    private final ObjectStore store;
    private final EventSink events;
    private final Supplier<DreamEngine> engine;
    private final Supplier<EngineIdentity> identity;
    private final Screener screener;
    private final WorkerSettings settings;
    private final StoreOutage outage = new StoreOutage();

    private final Counter completed;
    private final Counter alreadyCompleted;
    private final Counter held;
    private final Counter retriedLater;
    private final MeterRegistry registry;
    private final Timer dreamTimer;
    private final Timer stepTimer;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** System.nanoTime() of the last sign of life of a dream in flight (start, step, or a wait to retry). */
    private final AtomicLong lastActivity = new AtomicLong(System.nanoTime());

    public DreamRequestProcessor(ObjectStore store, EventSink events, Supplier<DreamEngine> engine, Screener screener,
                                 WorkerSettings settings, MeterRegistry registry) {
        this(store, events, engine, () -> null, screener, settings, registry);
    }

    /**
     * @param identity the network and engine the dreams are made with (issue 15), recorded in the manifest,
     *                 DreamStarted and DreamCompleted; may answer null (not recorded)
     * @param screener what holds a dream for review before it is dreamt (issue 12)
     */
    public DreamRequestProcessor(ObjectStore store, EventSink events, Supplier<DreamEngine> engine,
                                 Supplier<EngineIdentity> identity, Screener screener, WorkerSettings settings,
                                 MeterRegistry registry) {
        this.store = store;
        this.events = events;
        this.engine = engine;
        this.identity = identity;
        this.screener = screener;
        this.settings = settings;
        this.registry = registry;
        this.completed = Counter.builder("oneira.dreams.completed")
                .description("Dreams dreamt and stored by this worker").register(registry);
        this.alreadyCompleted = Counter.builder("oneira.dreams.redelivered.completed")
                .description("Redelivered requests answered from a stored result without dreaming").register(registry);
        this.held = Counter.builder("oneira.dreams.held")
                .description("Requests held for review after screening (answers to redeliveries included)")
                .register(registry);
        this.retriedLater = Counter.builder("oneira.dreams.retried.later")
                .description("Requests put back for a later try: the store or broker stayed down past the outage budget")
                .register(registry);
        this.dreamTimer = Timer.builder("oneira.dream.duration")
                .description("Time to dream one request, from taking it to DreamCompleted").register(registry);
        this.stepTimer = Timer.builder("oneira.dream.step.duration")
                .description("Time of one gradient step (all tiles of the image)").register(registry);
        registry.gauge("oneira.dreams.in.flight", inFlight);
    }

    public WorkerSettings settings() {
        return settings;
    }

    /** Whether the object store is known to be down, as this worker's own calls found it. */
    public StoreOutage storeOutage() {
        return outage;
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
     * The eventId of a dream's DreamCompleted: one per dream, derived from its id, so every resend
     * (after a broker timeout, a redelivery, a redo) carries the same id and consumers de-duplicate.
     */
    public static String completedEventId(DreamId id) {
        return UUID.nameUUIDFromBytes(("oneira:DreamCompleted:" + id).getBytes(StandardCharsets.UTF_8)).toString();
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
        awaitEngine();
        inFlight.incrementAndGet();
        lastActivity.set(System.nanoTime());
        long start = System.nanoTime(); // the one "taken" instant: the duration metric and DreamCompleted.serviceMs
        DreamAttempt attempt = new DreamAttempt(request, cancelled, store, events, engine, identity, screener, settings,
                outage, lastActivity, stepTimer, start);
        try {
            Outcome outcome = attempt.run();
            if (outcome.kind() == Outcome.Kind.COMPLETED) {
                completed.increment();
                dreamTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            } else if (outcome.kind() == Outcome.Kind.ALREADY_COMPLETED) {
                alreadyCompleted.increment();
            } else if (outcome.kind() == Outcome.Kind.HELD) {
                held.increment();
            }
            return outcome;
        } catch (Failures.Rejected e) {
            failedCounter(e.code, false).increment();
            attempt.fail(new DreamError(e.getMessage(), e.code, false), settings.retry());
            return Outcome.of(Outcome.Kind.REJECTED, id, e.getMessage());
        } catch (Failures.TransientFailure e) {
            // Not the dream's fault, and not final: the request goes back for a later try, with its seed.
            LOG.errorf("dream %s: %s; past the outage budget of %s, the request is put back for a later try", id,
                    e.getMessage(), settings.retry().budget());
            retriedLater.increment();
            attempt.requeue();
            return Outcome.of(Outcome.Kind.RETRY_LATER, id, e.getMessage());
        } catch (Failures.StoreRefused e) {
            LOG.errorf("dream %s: %s; to the dead-letter queue (fix the store's access, then re-drive)", id,
                    e.getMessage());
            failedCounter(FailureCode.STORAGE_UNAVAILABLE, true).increment();
            attempt.fail(new DreamError(PlainWords.STORE_REFUSED, FailureCode.STORAGE_UNAVAILABLE, true), Backoff.ONCE);
            return Outcome.of(Outcome.Kind.DEAD_LETTER, id, e.getMessage());
        } catch (Failures.DeletedMeanwhile e) {
            LOG.infof("dream %s was deleted by its owner while it was dreamt; its results are not kept", id);
            attempt.discard();
            return Outcome.of(Outcome.Kind.REJECTED, id, "deleted by its owner");
        } catch (DreamCancelledException | Failures.Abandoned e) {
            LOG.infof("dream %s cancelled (%s); left un-acked for another worker", id, e.getMessage());
            attempt.requeue();
            return Outcome.of(Outcome.Kind.ABANDONED, id, "cancelled: " + e.getMessage());
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "dream %s failed unexpectedly; to the dead-letter queue", id);
            failedCounter(FailureCode.INTERNAL, false).increment();
            attempt.fail(new DreamError(PlainWords.INTERNAL, FailureCode.INTERNAL, false), Backoff.ONCE);
            return Outcome.of(Outcome.Kind.DEAD_LETTER, id, "the worker failed unexpectedly: " + e);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /**
     * Waits while the network is still loading (a request taken right after the worker started), so that
     * the dream's times (serviceMs, the duration metric) count the dream, not the load: the gallery's
     * estimates would learn the load as part of the first dream, and overestimate the dreams after it. An
     * engine that could not load is reported by the attempt when it needs it.
     */
    private void awaitEngine() {
        try {
            engine.get();
        } catch (RuntimeException e) {
            LOG.debugf("the dream engine is not available: %s", e.getMessage());
        }
    }

    private Outcome unreadable(String payload, RuntimeException e) {
        String reason = "unreadable dream request: " + e.getMessage();
        failedCounter(FailureCode.INTERNAL, false).increment();
        Optional<DreamId> id = idOf(payload);
        LOG.warnf("%s (dream id %s); to the dead-letter queue", reason, id.map(DreamId::toString).orElse("unknown"));
        id.ifPresent(dreamId -> {
            try {
                new OutgoingEvent(DreamFailed.of(dreamId, PlainWords.UNREADABLE_REQUEST, FailureCode.INTERNAL, false,
                        settings.workerId())).awaitSent(events, settings.eventTimeout());
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
}
