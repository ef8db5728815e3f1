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
 */
final class ProgressReporter implements DreamListener {

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
    private long lastStep = System.nanoTime();
    private long lastReport = System.nanoTime();
    private long previewsPausedUntil = System.nanoTime();
    private int previews;

    ProgressReporter(DreamId id, ObjectStore store, EventSink events, WorkerSettings settings, Timer stepTimer,
                     AtomicLong lastActivity, StoreOutage outage) {
        this.id = id;
        this.previewStore = store.withCallTimeout(settings.previewTimeout());
        this.events = events;
        this.settings = settings;
        this.stepTimer = stepTimer;
        this.lastActivity = lastActivity;
        this.outage = outage;
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
        if (previews <= ObjectKeys.MAX_PREVIEW_INDEX && now - previewsPausedUntil >= 0) {
            previewKey = storePreview(step);
        }
        sendLater(events, DreamProgress.of(id, step.octave(), step.octaveCount(), step.step(), step.stepsPerOctave(),
                step.loss(), previewKey, step.elapsed().toMillis()));
    }

    private String storePreview(DreamStep step) {
        try {
            BufferedImage preview = step.preview().render(settings.previewMaxSide());
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
