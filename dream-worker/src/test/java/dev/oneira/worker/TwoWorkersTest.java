package dev.oneira.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.oneira.engine.dream.DreamListener;
import dev.oneira.engine.dream.DreamResult;
import dev.oneira.engine.image.ImageConversions;
import dev.oneira.engine.image.ImageFiles;
import dev.oneira.shared.event.DreamCompleted;
import dev.oneira.shared.event.DreamProgress;
import dev.oneira.shared.event.DreamRequested;
import dev.oneira.shared.event.DreamStarted;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.DreamStatus;
import dev.oneira.shared.manifest.ManifestCodec;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.store.ObjectKeys;
import dev.oneira.store.ObjectStore;
import dev.oneira.worker.core.Screener;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Several workers in one consumer group, on topics of their own so that the Quarkus app's consumer
 * stays out of it: {@link PlainWorker}s run the same processor as the app behind raw consumers, on
 * the app's loaded network and its object store, with a real broker.
 */
@QuarkusTest
@WithTestResource(WorkerTestResources.class)
class TwoWorkersTest {

    @WorkerTestResources.Inject
    WorkerTestResources resources;

    @Inject
    ObjectStore store;

    @Inject
    DreamRuntimeHolder runtime;

    private final List<AutoCloseable> open = new ArrayList<>();

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

    private void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        }
    }

    private Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, resources.bootstrapServers());
        return Admin.create(p);
    }

    private PlainWorker worker(String id, String topic, String group) {
        return open(new PlainWorker(id, resources.bootstrapServers(), topic, group, store, runtime::engine,
                new Screener(runtime::classify, 0.5)));
    }

    private DreamManifest manifest(DreamId id) {
        return ManifestCodec.decode(store.get(ObjectKeys.manifest(id)).orElseThrow());
    }

    @Test
    void twoWorkersInOneGroupShareFourRequestsOnTwoPartitions() throws Exception {
        String topic = "scale-requests";
        createTopic(topic, 2);
        KafkaProbe kafka = open(new KafkaProbe(resources.bootstrapServers()));
        PlainWorker one = worker("worker-one", topic, "scale-workers");
        PlainWorker two = worker("worker-two", topic, "scale-workers");
        // Both in the group with a partition each before any request exists.
        await().atMost(Duration.ofSeconds(30)).until(() -> one.assignment().size() == 1 && two.assignment().size() == 1);

        List<DreamId> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            DreamRequested request = TestDreams.upload(store, DreamId.next(), TestDreams.photo(100, 80),
                    TestDreams.quick(1), 100, 80);
            ids.add(request.dreamId());
            kafka.send(topic, i % 2, request.dreamId().toString(), TestDreams.json(request));
        }

        await().atMost(Duration.ofSeconds(90)).until(() ->
                ids.stream().allMatch(id -> !kafka.eventsOf(id, DreamCompleted.class).isEmpty()));

        Map<DreamId, String> doneBy = ids.stream().collect(Collectors.toMap(id -> id,
                id -> kafka.eventsOf(id, DreamCompleted.class).get(0).worker()));
        assertThat(Set.copyOf(doneBy.values())).containsExactlyInAnyOrder("worker-one", "worker-two");
        for (DreamId id : ids) {
            assertThat(kafka.eventsOf(id, DreamCompleted.class)).hasSize(1);
            DreamManifest m = manifest(id);
            assertThat(m.status()).isEqualTo(DreamStatus.DONE);
            assertThat(m.worker()).isEqualTo(doneBy.get(id));
            assertThat(store.exists(ObjectKeys.dream(id))).isTrue();
        }
    }

    @Test
    void aWorkerThatDiesMidDreamLeavesTheRequestToAnotherWhichCompletesItOnceWithTheSameSeed() throws Exception {
        String topic = "fault-requests";
        String group = "fault-workers";
        createTopic(topic, 1);
        KafkaProbe kafka = open(new KafkaProbe(resources.bootstrapServers()));
        // No seed in the request: the first worker chooses one, and the redo must use that one.
        // Four octaves: the first progress report ends octave 1, so the worker is killed mid-dream.
        DreamSpec unseeded = TestDreams.quick(10).withOctaves(-3, 0).toBuilder().seed(null).build();
        byte[] photo = TestDreams.photo(100, 80);
        DreamRequested request = TestDreams.upload(store, DreamId.next(), photo, unseeded, 100, 80);
        DreamId id = request.dreamId();
        kafka.send(topic, id.toString(), TestDreams.json(request));

        PlainWorker doomed = worker("worker-doomed", topic, group);
        // It is dreaming (a progress event arrived), and nothing is committed.
        await().atMost(Duration.ofSeconds(60)).until(() -> kafka.eventsOf(id, DreamProgress.class).stream()
                .findAny().isPresent());
        PlainWorker survivor = worker("worker-survivor", topic, group);
        doomed.die();
        await().atMost(Duration.ofSeconds(30)).until(() -> !doomed.isAlive());

        await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.eventsOf(id, DreamCompleted.class).isEmpty());
        DreamCompleted completed = kafka.eventsOf(id, DreamCompleted.class).get(0);
        assertThat(completed.worker()).isEqualTo("worker-survivor");
        assertThat(kafka.eventsOf(id, DreamStarted.class)).extracting(DreamStarted::worker)
                .containsExactly("worker-doomed", "worker-survivor");
        long seed = kafka.eventsOf(id, DreamStarted.class).get(0).seed();
        assertThat(kafka.eventsOf(id, DreamStarted.class)).extracting(DreamStarted::seed).containsOnly(seed);
        assertThat(completed.seed()).isEqualTo(seed);
        // The very image the first worker would have made: the engine, same photo, same seed.
        BufferedImage fitted = ImageFiles.fitWithin(ImageFiles.decode(photo, "photo.png"), unseeded.maxSide());
        DreamResult expected = runtime.engine().dream(ImageConversions.toPlanes(fitted), unseeded.validate().withSeed(seed),
                DreamListener.NONE, () -> false);
        assertThat(store.get(ObjectKeys.dream(id)).orElseThrow()).isEqualTo(ImageFiles.encode(
                ImageConversions.toImage(expected.image()), ImageFiles.Format.PNG, 0f));

        DreamManifest m = manifest(id);
        assertThat(m.status()).isEqualTo(DreamStatus.DONE);
        assertThat(m.worker()).isEqualTo("worker-survivor");
        assertThat(m.spec().seed()).isEqualTo(seed);

        // The survivor committed past the request, so it will not come back: completed once.
        try (Admin admin = admin()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> offsets =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                OffsetAndMetadata committed = offsets.get(new TopicPartition(topic, 0));
                return committed != null && committed.offset() == 1;
            });
        }
        assertThat(kafka.eventsOf(id, DreamCompleted.class)).hasSize(1);
        assertThat(survivor.isAlive()).isTrue();
    }
}
