package dev.oneira.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.oneira.shared.event.DreamCompleted;
import dev.oneira.shared.event.DreamHeld;
import dev.oneira.shared.event.DreamRequested;
import dev.oneira.shared.event.DreamStarted;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.DreamStatus;
import dev.oneira.shared.manifest.ManifestCodec;
import dev.oneira.shared.moderation.Approval;
import dev.oneira.shared.moderation.NsfwScores;
import dev.oneira.shared.moderation.Screening;
import dev.oneira.shared.store.ObjectKeys;
import dev.oneira.store.ObjectStore;
import dev.oneira.worker.core.Screener;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Screening before dreaming with the real classifier, a real broker and S3 over HTTP: a
 * {@link PlainWorker} (the app's processor behind a raw consumer, on a topic of its own) with the hold
 * threshold at 0, so every dream is held: held and not dreamt, answered again when redelivered without
 * classifying again, its guide image screened too, and dreamt once a moderator released it.
 */
@QuarkusTest
@WithTestResource(WorkerTestResources.class)
class ScreeningTest {

    private static final Duration WAIT = Duration.ofSeconds(90); // the first includes loading the network
    private static final String TOPIC = "screening-requests";

    @WorkerTestResources.Inject
    WorkerTestResources resources;
    @Inject
    ObjectStore store;
    @Inject
    DreamRuntimeHolder runtime;

    private final List<AutoCloseable> open = new ArrayList<>();
    private KafkaProbe kafka;

    @BeforeEach
    void holdEverything() throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, resources.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            if (!admin.listTopics().names().get().contains(TOPIC)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
            }
        }
        kafka = open(new KafkaProbe(resources.bootstrapServers()));
        open(new PlainWorker("screening-worker", resources.bootstrapServers(), TOPIC, "screening-workers", store,
                runtime::engine, new Screener(runtime::classify, 0)));
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        open.clear();
    }

    private <T extends AutoCloseable> T open(T closeable) {
        open.add(closeable);
        return closeable;
    }

    private void send(DreamRequested request) {
        kafka.send(TOPIC, request.dreamId().toString(), TestDreams.json(request));
    }

    private DreamManifest manifest(DreamId id) {
        return ManifestCodec.decode(store.get(ObjectKeys.manifest(id)).orElseThrow());
    }

    private DreamHeld awaitHeld(DreamId id, int count) {
        await().atMost(WAIT).until(() -> kafka.eventsOf(id, DreamHeld.class).size() >= count);
        return kafka.eventsOf(id, DreamHeld.class).get(count - 1);
    }

    private static void assertProbabilities(NsfwScores scores) {
        assertThat(scores.drawing() + scores.hentai() + scores.neutral() + scores.porn() + scores.sexy())
                .isCloseTo(1.0, within(1e-3));
        assertThat(scores.byClass().values()).allSatisfy(p -> assertThat(p).isBetween(0.0, 1.0));
    }

    @Test
    void aHeldDreamIsNotDreamtIsAnsweredAgainWhenRedeliveredAndIsDreamtOnceApproved() {
        DreamRequested request = TestDreams.upload(store, DreamId.next(), TestDreams.photo(120, 90),
                TestDreams.quick(2), 120, 90);
        DreamId id = request.dreamId();
        send(request);

        DreamHeld held = awaitHeld(id, 1);
        Screening screening = held.screening();
        assertThat(screening.held()).isTrue();
        assertThat(screening.threshold()).isZero();
        assertThat(screening.guide()).isNull();
        assertProbabilities(screening.original());
        DreamManifest manifest = manifest(id);
        assertThat(manifest.status()).isEqualTo(DreamStatus.HELD);
        assertThat(manifest.screening()).isEqualTo(screening);
        assertThat(manifest.ownerTokenHash()).isEqualTo("hash");
        assertThat(kafka.eventsOf(id, DreamStarted.class)).as("not dreamt").isEmpty();
        for (String key : List.of(ObjectKeys.dream(id), ObjectKeys.originalThumb(id), ObjectKeys.dreamThumb(id))) {
            assertThat(store.exists(key)).as(key).isFalse();
        }
        assertThat(store.list(ObjectKeys.previewPrefix(id))).isEmpty();

        // Redelivered: the same DreamHeld (same eventId, the stored screening: not classified again).
        send(request);
        DreamHeld again = awaitHeld(id, 2);
        assertThat(again.eventId()).isEqualTo(held.eventId());
        assertThat(again.screening()).isEqualTo(screening);
        assertThat(manifest(id)).isEqualTo(manifest);

        // Released by a moderator: dreamt, keeping the screening and recording who released it.
        Approval approval = new Approval("moderator-ann", Instant.now());
        send(DreamRequested.approved(id, request.spec(), request.originalKey(), request.requestedAt(), approval));
        await().atMost(WAIT).until(() -> !kafka.eventsOf(id, DreamCompleted.class).isEmpty());
        assertThat(kafka.eventsOf(id, DreamStarted.class)).singleElement()
                .satisfies(s -> assertThat(s.screening()).isEqualTo(screening));
        DreamManifest done = manifest(id);
        assertThat(done.status()).isEqualTo(DreamStatus.DONE);
        assertThat(done.screening()).isEqualTo(screening);
        assertThat(done.approval()).isEqualTo(approval);
        assertThat(store.exists(ObjectKeys.dream(id))).isTrue();
        assertThat(kafka.eventsOf(id, DreamHeld.class)).hasSize(2);
    }

    @Test
    void theGuideImageIsScreenedBesideTheOriginal() {
        DreamId id = DreamId.next();
        DreamRequested request = TestDreams.upload(store, id, TestDreams.photo(96, 72),
                TestDreams.quick(1).withGuide(true), 96, 72);
        store.put(ObjectKeys.guide(id), TestDreams.photo(64, 64), "image/png");
        send(request);

        Screening screening = awaitHeld(id, 1).screening();
        assertThat(screening.guide()).isNotNull();
        assertProbabilities(screening.original());
        assertProbabilities(screening.guide());
        assertThat(screening.explicit())
                .isEqualTo(Math.max(screening.original().explicit(), screening.guide().explicit()));
        assertThat(manifest(id).screening()).isEqualTo(screening);
    }

    @Test
    void aCopyOfTheFirstRequestArrivingAfterTheReleaseIsDreamtNotHeldAgain() {
        DreamRequested request = TestDreams.upload(store, DreamId.next(), TestDreams.photo(96, 72),
                TestDreams.quick(1), 96, 72);
        DreamId id = request.dreamId();
        send(request);
        awaitHeld(id, 1);
        // The moderator's side released it in the manifest; its request is still on the way, a copy of
        // the first one (no approval) comes first.
        Approval approval = new Approval("moderator-bo", Instant.now());
        store.put(ObjectKeys.manifest(id), ManifestCodec.encode(manifest(id).approved(approval)), "application/json");
        send(request);

        await().atMost(WAIT).until(() -> !kafka.eventsOf(id, DreamCompleted.class).isEmpty());
        assertThat(kafka.eventsOf(id, DreamHeld.class)).hasSize(1);
        assertThat(manifest(id).status()).isEqualTo(DreamStatus.DONE);
        assertThat(manifest(id).approval()).isEqualTo(approval);
    }
}
