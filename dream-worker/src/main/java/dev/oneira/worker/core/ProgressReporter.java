package dev.oneira.worker.core;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import dev.oneira.engine.dream.DreamListener;
import dev.oneira.engine.dream.DreamStep;
import dev.oneira.engine.image.ImageFiles;
import dev.oneira.shared.event.DreamEvent;
import dev.oneira.shared.event.DreamProgress;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.store.ObjectKeys;
import dev.oneira.store.ObjectStore;
import dev.oneira.store.ObjectStoreException;
import dev.oneira.store.ObjectStoreUnavailableException;
import io.micrometer.core.instrument.Timer;

/**
 * Reports the steps of one dream: times them, marks the worker alive, and sends DreamProgress with
 * a preview when due. A preview is a nicety: it is written with a short timeout of its own
 * ({@code preview-timeout}), and when that fails the dream goes on without it and the next previews
 * are skipped for {@link #PAUSE_AFTER_FAILURE}, so a hanging store costs the dream one short
 * timeout now and then, never the store's full call timeout per preview.
 *
 * <p>Where a step stands in the whole dream is its {@link Position}'s business: a still's steps are
 * the engine's own; an animation's ({@link AnimationProgress}) count the frames too.
 */
final class ProgressReporter implements DreamListener {

    /** Turns an engine step into the DreamProgress sent for it. */
    interface Position {
        DreamProgress progress(DreamId id, DreamStep step, String previewKey);

        /** Whether the end of the step's octave is reported (with a preview) even before the interval is over. */
        default boolean reportOctaveEnd(DreamStep step) {
            return true;
        }
    }

    /** A still: the engine's octaves and steps as they are. */
    static final Position STILL = (id, step, previewKey) -> DreamProgress.of(id, step.octave(), step.octaveCount(),
            step.step(), step.stepsPerOctave(), step.loss(), previewKey, step.elapsed().toMillis());

    private static final Logger LOG = Logger.getLogger(ProgressReporter.class);
    static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(15);

    private final DreamId id;
    /** The store, with the preview timeout in place of the call timeout. */
    private final ObjectStore previewStore;
    private final EventSink events;
    private final WorkerSettings settings;
    private final Timer stepTimer;
    private final AtomicLong lastActivity;
    private final StoreOutage outage;
    private final Position position;
    private long lastStep = System.nanoTime();
    private long lastReport = System.nanoTime();
    private long previewsPausedUntil = System.nanoTime();
    private int previews;

    ProgressReporter(DreamId id, ObjectStore store, EventSink events, WorkerSettings settings, Timer stepTimer,
                     AtomicLong lastActivity, StoreOutage outage) {
        this(id, store, events, settings, stepTimer, lastActivity, outage, STILL);
    }

    ProgressReporter(DreamId id, ObjectStore store, EventSink events, WorkerSettings settings, Timer stepTimer,
                     AtomicLong lastActivity, StoreOutage outage, Position position) {
        this.id = id;
        this.previewStore = store.withCallTimeout(settings.previewTimeout());
        this.events = events;
        this.settings = settings;
        this.stepTimer = stepTimer;
        this.lastActivity = lastActivity;
        this.outage = outage;
        this.position = position;
    }

    @Override
    public void onStep(DreamStep step) {
        long now = System.nanoTime();
        stepTimer.record(now - lastStep, TimeUnit.NANOSECONDS);
        lastStep = now;
        lastActivity.set(now);
        boolean due = (step.lastOfOctave() && position.reportOctaveEnd(step)) || intervalOver(now);
        if (!due) {
            return;
        }
        lastReport = now;
        sendLater(events, position.progress(id, step, previewIfPossible(step.preview(), now)));
    }

    /**
     * A report outside the engine's steps (an animation's finished frame): always sent, with a preview
     * only when the progress interval is over, so previews stay at most one per interval however
     * quick the frames are.
     */
    void report(DreamStep.Preview preview, java.util.function.Function<String, DreamProgress> progress) {
        long now = System.nanoTime();
        lastActivity.set(now);
        String previewKey = null;
        if (intervalOver(now)) {
            lastReport = now;
            previewKey = previewIfPossible(preview, now);
        }
        sendLater(events, progress.apply(previewKey));
    }

    private boolean intervalOver(long now) {
        return now - lastReport >= settings.progressInterval().toNanos();
    }

    private String previewIfPossible(DreamStep.Preview preview, long now) {
        if (previews <= ObjectKeys.MAX_PREVIEW_INDEX && now - previewsPausedUntil >= 0) {
            return storePreview(preview);
        }
        return null;
    }

    private String storePreview(DreamStep.Preview render) {
        try {
            BufferedImage preview = render.render(settings.previewMaxSide());
            String key = ObjectKeys.preview(id, previews);
            previewStore.put(key, ImageFiles.encode(preview, ImageFiles.Format.JPEG, 0.8f), "image/jpeg");
            previews++;
            outage.succeeded();
            return key;
        } catch (ObjectStoreException e) {
            if (e instanceof ObjectStoreUnavailableException) {
                outage.failed();
            }
            previewsPausedUntil = System.nanoTime() + PAUSE_AFTER_FAILURE.toNanos();
            LOG.warnf("dream %s: could not store a preview, going on without previews for %s s: %s", id,
                    PAUSE_AFTER_FAILURE.toSeconds(), e.getMessage());
            return null;
        } finally {
            // The time spent on a preview is the worker's own, not a stalled dream's.
            lastActivity.set(System.nanoTime());
        }
    }

    /** Sends without waiting: progress is worth less than the dream's time. */
    static void sendLater(EventSink events, DreamEvent event) {
        events.send(event).whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.warnf("could not send %s for dream %s: %s", event.type(), event.dreamId(), failure.getMessage());
            }
        });
    }
}
