package dev.oneira.gallery.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.DreamStatus;
import dev.oneira.shared.manifest.Visibility;
import dev.oneira.store.ManifestStore;
import dev.oneira.store.ObjectStore;
import dev.oneira.store.ObjectStoreConfig;
import dev.oneira.testing.TestS3;

/** {@code reindex}: the rows rebuilt from the manifests in a real S3 (S3Proxy over HTTP), idempotently. */
class ReindexTest {

    private static TestS3 s3;
    private static ObjectStore store;

    @BeforeAll
    static void startS3() {
        s3 = TestS3.start("reindex", "reindex-secret");
        s3.createBucket("reindex");
        store = ObjectStore.open(ObjectStoreConfig.compatible(s3.endpoint(), "reindex", "reindex", "reindex-secret"));
    }

    @AfterAll
    static void stopS3() {
        store.close();
        s3.close();
    }

    @Test
    void rebuildsTheRowsFromTheManifestsAndASecondRunChangesNothing() {
        DreamRows rows = new DreamRows(ReadModelDatabase.fresh());
        ManifestStore manifests = new ManifestStore(store);
        Instant t0 = Instant.parse("2026-11-01T10:00:00Z");
        List<DreamManifest> written = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            DreamManifest m = EventProjectionTest.queued(t0.plusSeconds(i));
            if (i == 0) {
                m = m.dreaming(m.spec().withSeed(7L), "w", t0.plusSeconds(10))
                        .done(m.spec().withSeed(7L), 96, 72, t0.plusSeconds(20), 10_000, "w");
            }
            if (i == 1) {
                m = m.withVisibility(Visibility.HIDDEN);
            }
            manifests.write(m);
            written.add(m);
        }
        // the database lost everything but one stale row, and holds a row whose dream was deleted long ago
        rows.insert(written.get(0).withStatus(DreamStatus.QUEUED));
        DreamManifest deleted = EventProjectionTest.queued(idMadeAt(t0), t0);
        rows.insert(deleted);
        // an upload in flight: its row is younger than the grace period, its manifest is being written
        DreamManifest inFlight = EventProjectionTest.queued(Instant.now());
        rows.insert(inFlight);

        List<String> lines = new ArrayList<>();
        Reindex.Result first = new Reindex(manifests, rows, lines::add, Duration.ZERO).run();

        assertThat(first.manifests()).isEqualTo(5);
        assertThat(first.changed()).isEqualTo(5);
        assertThat(first.removed()).isEqualTo(1);
        assertThat(lines).anyMatch(l -> l.contains("manifests read")).last().asString().startsWith("done: 5 manifests");
        for (DreamManifest m : written) {
            assertThat(rows.find(m.id()).orElseThrow().entry().manifest()).isEqualTo(m);
        }
        assertThat(rows.find(deleted.id())).isEmpty();
        assertThat(rows.find(inFlight.id())).isPresent();
        assertThat(rows.page(null, 10).dreams()).extracting(e -> e.manifest().id())
                .doesNotContain(written.get(1).id()); // hidden stays hidden

        Reindex.Result second = new Reindex(manifests, rows, line -> { }, Duration.ofMinutes(1)).run();
        assertThat(second.changed()).isZero();
        assertThat(second.removed()).isZero();
    }

    /** A UUIDv7 dream id whose timestamp is {@code at} (ids are made at upload). */
    static DreamId idMadeAt(Instant at) {
        String hex = String.format("%012x", at.toEpochMilli());
        String fresh = DreamId.next().toString();
        return DreamId.parse(hex.substring(0, 8) + "-" + hex.substring(8) + fresh.substring(13));
    }

    @Test
    void aRowAheadOfItsManifestKeepsItsState() {
        DreamRows rows = new DreamRows(ReadModelDatabase.fresh());
        ManifestStore manifests = new ManifestStore(store);
        DreamManifest queued = EventProjectionTest.queued(Instant.parse("2026-11-02T10:00:00Z"));
        manifests.write(queued);
        DreamManifest done = queued.done(queued.spec().withSeed(1L), 96, 72, Instant.parse("2026-11-02T10:01:00Z"),
                1000, "w");
        rows.insert(done); // DreamCompleted reached the database; the worker's manifest write did not (yet)
        new Reindex(manifests, rows, line -> { }, Duration.ofMinutes(1)).run();
        assertThat(rows.find(queued.id()).orElseThrow().entry().manifest().status()).isEqualTo(DreamStatus.DONE);
        manifests.delete(queued.id());
    }
}
