package dev.oneira.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.oneira.shared.event.DreamCompleted;
import dev.oneira.shared.event.DreamHeld;
import dev.oneira.shared.event.DreamRequested;
import dev.oneira.shared.event.DreamStarted;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.DreamStatus;
import dev.oneira.shared.manifest.ManifestCodec;
import dev.oneira.shared.messaging.Topics;
import dev.oneira.shared.moderation.Approval;
import dev.oneira.shared.moderation.NsfwScores;
import dev.oneira.shared.store.ObjectKeys;
import dev.oneira.store.ObjectStore;
import dev.oneira.testing.WorkerProcess;

/**
 * Screening in the packaged worker, configured as a deployment configures it: with
 * {@code MODERATION_HOLD_THRESHOLD=0} every dream is held (manifest HELD with the five probabilities,
 * DreamHeld, nothing dreamt or stored), and the same dream requested again with a moderator's approval
 * is dreamt. A threshold out of 0..1 stops the worker at start, saying why.
 */
class ScreeningIT {

    private static WorkerTestResources resources;
    private static ObjectStore store;
    private static KafkaProbe probe;

    @BeforeAll
    static void start() throws Exception {
        resources = new WorkerTestResources();
        resources.start();
        store = resources.openStore();
        resources.createRequestAndEventTopics();
        probe = new KafkaProbe(resources.bootstrapServers());
    }

    @AfterAll
    static void stop() throws Exception {
        if (probe != null) {
            probe.close();
        }
        if (store != null) {
            store.close();
        }
        resources.stop();
    }

    private static WorkerProcess worker(String name, String threshold) {
        Path jar = Path.of(System.getProperty("worker.jar", "target/quarkus-app/quarkus-run.jar"));
        return WorkerProcess.start(jar, name, Path.of("target", name + ".log"), resources.kafka(), resources.s3(),
                WorkerTestResources.BUCKET, Duration.ofSeconds(5), List.of(),
                Map.of("MODERATION_HOLD_THRESHOLD", threshold));
    }

    private static DreamManifest manifest(DreamId id) {
        return ManifestCodec.decode(store.get(ObjectKeys.manifest(id)).orElseThrow());
    }

    @Test
    void atThresholdZeroADreamIsHeldThenDreamtOnceApproved() throws Exception {
        try (WorkerProcess worker = worker("screening-it-1", "0").awaitReady(Duration.ofSeconds(120))) {
            DreamId id = DreamId.next();
            DreamRequested request = TestDreams.upload(store, id, TestDreams.photo(120, 90), TestDreams.quick(2), 120,
                    90);
            probe.send(Topics.DREAM_REQUESTS, id.toString(), TestDreams.json(request));

            await().atMost(Duration.ofSeconds(90)).until(() -> !probe.eventsOf(id, DreamHeld.class).isEmpty());
            DreamHeld held = probe.eventsOf(id, DreamHeld.class).get(0);
            DreamManifest manifest = manifest(id);
            assertThat(manifest.status()).isEqualTo(DreamStatus.HELD);
            assertThat(manifest.screening()).isEqualTo(held.screening());
            assertThat(manifest.screening().held()).isTrue();
            assertThat(manifest.screening().threshold()).isZero();
            NsfwScores scores = manifest.screening().original();
            assertThat(scores.byClass()).containsOnlyKeys(NsfwScores.CLASSES);
            assertThat(scores.byClass().values().stream().mapToDouble(Double::doubleValue).sum())
                    .isCloseTo(1.0, within(1e-3));
            assertThat(probe.eventsOf(id, DreamStarted.class)).isEmpty();
            for (String key : List.of(ObjectKeys.dream(id), ObjectKeys.originalThumb(id), ObjectKeys.dreamThumb(id))) {
                assertThat(store.exists(key)).as(key).isFalse();
            }

            Approval approval = new Approval("moderator-ann", Instant.now());
            probe.send(Topics.DREAM_REQUESTS, id.toString(), TestDreams.json(DreamRequested.approved(id,
                    request.spec(), request.originalKey(), request.requestedAt(), approval)));

            await().atMost(Duration.ofSeconds(90)).until(() -> !probe.eventsOf(id, DreamCompleted.class).isEmpty());
            DreamManifest done = manifest(id);
            assertThat(done.status()).isEqualTo(DreamStatus.DONE);
            assertThat(done.approval()).isEqualTo(approval);
            assertThat(done.screening()).isEqualTo(held.screening());
            assertThat(store.exists(ObjectKeys.dream(id))).isTrue();
            assertThat(probe.eventsOf(id, DreamStarted.class)).singleElement()
                    .satisfies(s -> assertThat(s.screening()).isEqualTo(held.screening()));
        }
    }

    @Test
    void aThresholdAboveOneStopsTheWorkerAtStartSayingWhatIsAllowed() throws Exception {
        try (WorkerProcess worker = worker("screening-it-bad", "1.5")) {
            assertThatThrownBy(() -> worker.awaitReady(Duration.ofSeconds(120)))
                    .hasMessageContaining("exited");
        }
        assertThat(Files.readString(Path.of("target", "screening-it-bad.log")))
                .contains("oneira.moderation.hold-threshold (env MODERATION_HOLD_THRESHOLD)")
                .contains("from 0 to 1").contains("1.5")
                .as("stopped before its Kafka consumer could take a request")
                .doesNotContain("belongs to the 'dream-workers' consumer group");
    }
}
