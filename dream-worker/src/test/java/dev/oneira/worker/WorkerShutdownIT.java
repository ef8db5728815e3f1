package dev.oneira.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.oneira.shared.event.DreamCompleted;
import dev.oneira.shared.event.DreamRequested;
import dev.oneira.shared.event.DreamStarted;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.DreamStatus;
import dev.oneira.shared.manifest.ManifestCodec;
import dev.oneira.shared.messaging.Topics;
import dev.oneira.shared.store.ObjectKeys;
import dev.oneira.store.ObjectStore;
import dev.oneira.testing.WorkerProcess;

/**
 * SIGTERM to the packaged worker, a process of its own, in the middle of a dream: it either
 * finishes within its grace period (and acks), or leaves the request un-acked for another worker.
 * It never acks a dream it did not finish.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkerShutdownIT {
    private static final TopicPartition REQUESTS = new TopicPartition(Topics.DREAM_REQUESTS, 0);

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

    private static Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, resources.bootstrapServers());
        return Admin.create(p);
    }

    /** The offset the worker group has committed on dream-requests (0 when none). */
    private static long committed() throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(Topics.WORKER_GROUP).partitionsToOffsetAndMetadata().get();
            OffsetAndMetadata o = offsets.get(REQUESTS);
            return o == null ? 0 : o.offset();
        }
    }

    /** The packaged worker, started and ready. */
    private static WorkerProcess worker(String name, Duration grace) throws InterruptedException {
        Path jar = Path.of(System.getProperty("worker.jar", "target/quarkus-app/quarkus-run.jar"));
        return WorkerProcess.start(jar, name, Path.of("target", name + ".log"), resources.kafka(), resources.s3(),
                WorkerTestResources.BUCKET, grace, List.of()).awaitReady(Duration.ofSeconds(90));
    }

    private static DreamId request(int steps) {
        DreamId id = DreamId.next();
        DreamRequested r = TestDreams.upload(store, id, TestDreams.photo(120, 90), TestDreams.quick(steps), 120, 90);
        probe.send(Topics.DREAM_REQUESTS, id.toString(), TestDreams.json(r));
        return id;
    }

    private static DreamManifest manifest(DreamId id) {
        return ManifestCodec.decode(store.get(ObjectKeys.manifest(id)).orElseThrow());
    }

    @Test
    @Order(1)
    void aDreamOutlastingTheGracePeriodIsLeftUnackedAndAnotherWorkerDreamsIt() throws Exception {
        DreamId id;
        // No grace at all: whatever the machine's speed, the dream outlasts it.
        try (WorkerProcess first = worker("worker-it-1", Duration.ZERO)) {
            id = request(40);
            await().atMost(Duration.ofSeconds(30)).until(() -> !probe.eventsOf(id, DreamStarted.class).isEmpty());

            first.terminate();

            assertThat(first.awaitExit(Duration.ofSeconds(40))).as("the worker exits after its grace period").isTrue();
        }
        assertThat(probe.eventsOf(id, DreamCompleted.class)).isEmpty();
        assertThat(committed()).as("the unfinished request is not committed").isZero();
        assertThat(manifest(id).status()).isEqualTo(DreamStatus.QUEUED);

        try (WorkerProcess second = worker("worker-it-2", Duration.ofSeconds(30))) {
            await().atMost(Duration.ofSeconds(120)).until(() -> !probe.eventsOf(id, DreamCompleted.class).isEmpty());
            assertThat(probe.eventsOf(id, DreamCompleted.class)).singleElement()
                    .satisfies(c -> assertThat(c.worker()).isEqualTo("worker-it-2"));
            assertThat(manifest(id).status()).isEqualTo(DreamStatus.DONE);
            await().atMost(Duration.ofSeconds(20)).until(() -> committed() == 1);
        }
    }

    @Test
    @Order(2)
    void aDreamThatEndsWithinTheGracePeriodIsFinishedAndAckedBeforeTheWorkerExits() throws Exception {
        try (WorkerProcess worker = worker("worker-it-3", Duration.ofSeconds(60))) {
            DreamId id = request(20);
            await().atMost(Duration.ofSeconds(30)).until(() -> !probe.eventsOf(id, DreamStarted.class).isEmpty());

            worker.terminate();

            assertThat(worker.awaitExit(Duration.ofSeconds(60))).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> !probe.eventsOf(id, DreamCompleted.class).isEmpty());
            assertThat(probe.eventsOf(id, DreamCompleted.class)).singleElement()
                    .satisfies(c -> assertThat(c.worker()).isEqualTo("worker-it-3"));
            assertThat(manifest(id).status()).isEqualTo(DreamStatus.DONE);
            assertThat(committed()).as("acked and committed before exit").isEqualTo(2);
        }
    }
}
