package dev.oneira.gallery.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.oneira.gallery.eta.QueueEstimator;
import dev.oneira.gallery.index.DreamEntry;
import dev.oneira.shared.event.DreamCompleted;
import dev.oneira.shared.event.DreamFailed;
import dev.oneira.shared.event.DreamProgress;
import dev.oneira.shared.event.DreamStarted;
import dev.oneira.shared.event.FailureCode;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.DreamStatus;
import dev.oneira.shared.manifest.Visibility;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.spec.LayerWeight;

/** The projection of dream-events into a real PostgreSQL: idempotent by eventId, ordered per dream. */
class EventProjectionTest {

    private DreamRows rows;
    private final Map<DreamId, DreamManifest> stored = new HashMap<>();
    private EventProjection projection;

    @BeforeEach
    void freshDatabase() {
        DataSource ds = ReadModelDatabase.fresh();
        rows = new DreamRows(ds);
        projection = new EventProjection(rows, id -> Optional.ofNullable(stored.get(id)));
    }

    static DreamManifest queued(Instant at) {
        return queued(DreamId.next(), at);
    }

    static DreamManifest queued(DreamId id, Instant at) {
        DreamSpec spec = DreamSpec.builder().layers(List.of(LayerWeight.of("mixed3", 1))).octaveFrom(0).octaveTo(0)
                .stepsPerOctave(10).maxSide(96).build();
        return DreamManifest.queued(id, spec, 96, 72, at, Visibility.PUBLIC, "hash");
    }

    private static DreamStarted started(DreamId id, Instant at) {
        return new DreamStarted("started-" + at.toEpochMilli(), id, at, "worker-1", 42L, 10);
    }

    private static DreamProgress progress(DreamId id, Instant at, int step) {
        return new DreamProgress("progress-" + at.toEpochMilli(), id, at, 0, 1, step, 10, step, 10, step / 10.0,
                1.5, null, 100);
    }

    private static DreamCompleted completed(DreamId id, Instant at) {
        return new DreamCompleted("completed-" + id, id, at, "dreams/" + id + ".png", "o", "d", 96, 72, 900,
                "worker-1", 42L);
    }

    private DreamEntry row(DreamId id) {
        return rows.find(id).orElseThrow().entry();
    }

    @Test
    void theSameEventTwiceIsAppliedOnce() {
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
        DreamManifest m = queued(t0);
        rows.insert(m);
        DreamStarted start = started(m.id(), t0.plusSeconds(1));

        assertThat(projection.apply(start)).isEqualTo(EventProjection.Result.APPLIED);
        assertThat(projection.apply(start)).isEqualTo(EventProjection.Result.DUPLICATE);
        assertThat(row(m.id()).manifest().status()).isEqualTo(DreamStatus.DREAMING);
        assertThat(row(m.id()).manifest().spec().seed()).isEqualTo(42L);

        DreamCompleted done = completed(m.id(), t0.plusSeconds(5));
        assertThat(projection.apply(done)).isEqualTo(EventProjection.Result.APPLIED);
        assertThat(projection.apply(done)).isEqualTo(EventProjection.Result.DUPLICATE);
        DreamManifest after = row(m.id()).manifest();
        assertThat(after.status()).isEqualTo(DreamStatus.DONE);
        assertThat(after.dreamWidth()).isEqualTo(96);
        assertThat(after.elapsedMs()).isEqualTo(900L);
    }

    @Test
    void aWorkersSpeedIsLearntOnceFromItsWholeTimeOnTheDreamOrElseFromTheDreaming() {
        DataSource ds = rows.dataSource();
        WorkerSpeeds speeds = new WorkerSpeeds(ds);
        EventProjection learning = new EventProjection(rows, id -> Optional.empty(),
                new EventProjection.QueueTables(new RequestPartitions(ds), speeds));
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
        DreamManifest first = queued(t0);
        rows.insert(first);
        double work = first.spec().workMegapixelSteps();

        // the queue behind a dream waits for all of the worker's time on it: reading, screening, dreaming, storing
        DreamCompleted done = completed(first.id(), t0.plusSeconds(5)).withServiceMs(1800);
        assertThat(learning.apply(done)).isEqualTo(EventProjection.Result.APPLIED);
        assertThat(learning.apply(done)).isEqualTo(EventProjection.Result.DUPLICATE);
        assertThat(speeds.all().of("worker-1")).isCloseTo(1.8 / work, within(1e-9));

        // a worker that predates serviceMs: its dreaming time (900 ms), into the moving average
        DreamManifest second = queued(t0.plusSeconds(1));
        rows.insert(second);
        assertThat(learning.apply(completed(second.id(), t0.plusSeconds(9)))).isEqualTo(EventProjection.Result.APPLIED);
        double seconds = 1.8 + QueueEstimator.SMOOTHING * (0.9 - 1.8);
        assertThat(speeds.all().of("worker-1")).isCloseTo(seconds / work, within(1e-9));
    }

    @Test
    void anOlderEventNeverOverwritesANewerState() {
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
        DreamManifest m = queued(t0);
        rows.insert(m);

        // progress at t+3 first, then the start (t+1) and an earlier progress (t+2) arrive late
        assertThat(projection.apply(progress(m.id(), t0.plusSeconds(3), 5))).isEqualTo(EventProjection.Result.APPLIED);
        assertThat(projection.apply(started(m.id(), t0.plusSeconds(1)))).isEqualTo(EventProjection.Result.NO_CHANGE);
        assertThat(projection.apply(progress(m.id(), t0.plusSeconds(2), 2))).isEqualTo(EventProjection.Result.NO_CHANGE);
        assertThat(row(m.id()).progress().step()).isEqualTo(5);
        assertThat(row(m.id()).manifest().status()).isEqualTo(DreamStatus.DREAMING);

        // completed; a progress report sent before it, delivered after it, and a failure do not undo it
        assertThat(projection.apply(completed(m.id(), t0.plusSeconds(10)))).isEqualTo(EventProjection.Result.APPLIED);
        assertThat(projection.apply(progress(m.id(), t0.plusSeconds(9), 9))).isEqualTo(EventProjection.Result.NO_CHANGE);
        assertThat(projection.apply(DreamFailed.of(m.id(), "late", FailureCode.INTERNAL, false, "w")))
                .isEqualTo(EventProjection.Result.NO_CHANGE);
        DreamEntry done = row(m.id());
        assertThat(done.manifest().status()).isEqualTo(DreamStatus.DONE);
        assertThat(done.progress()).isNull();
    }

    @Test
    void anEventOfADreamWithoutARowReadsItsManifestAndADeletedDreamIsIgnored() {
        DreamManifest m = queued(Instant.parse("2026-12-01T10:00:00Z"));
        stored.put(m.id(), m);
        assertThat(projection.apply(completed(m.id(), Instant.parse("2026-12-01T10:01:00Z"))))
                .isEqualTo(EventProjection.Result.APPLIED);
        assertThat(row(m.id()).manifest().status()).isEqualTo(DreamStatus.DONE);

        DreamId deleted = DreamId.next();
        assertThat(projection.apply(started(deleted, Instant.now()))).isEqualTo(EventProjection.Result.UNKNOWN_DREAM);
        assertThat(rows.find(deleted)).isEmpty();
    }

    @Test
    void pagesAreNewestFirstAndStableAcrossInsertsAndHiding() {
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
        List<DreamManifest> first = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            DreamManifest m = queued(t0.plusSeconds(i));
            rows.insert(m);
            first.add(0, m); // newest first
        }
        DreamRows.Page one = rows.page(null, 3);
        assertThat(one.dreams()).extracting(e -> e.manifest().id())
                .containsExactly(first.get(0).id(), first.get(1).id(), first.get(2).id());
        // newer dreams arrive and an older one is hidden while someone reads page two
        for (int i = 0; i < 3; i++) {
            rows.insert(queued(t0.plusSeconds(100 + i)));
        }
        rows.setVisibility(first.get(4).id(), Visibility.HIDDEN);
        DreamRows.Page two = rows.page(one.next(), 3);
        assertThat(two.dreams()).extracting(e -> e.manifest().id())
                .containsExactly(first.get(3).id(), first.get(5).id(), first.get(6).id());
        assertThat(two.next()).isNull();
        assertThat(rows.find(first.get(4).id()).orElseThrow().entry().manifest().visibility())
                .isEqualTo(Visibility.HIDDEN);
        // queue position: queued dreams older than this one, plus one
        assertThat(rows.queuePosition(first.get(6).id())).isEqualTo(1);
        assertThat(rows.queuePosition(first.get(0).id())).isEqualTo(7);
    }
}
