package dev.oneira.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.oneira.shared.event.DreamCompleted;
import dev.oneira.shared.event.DreamEvent;
import dev.oneira.shared.event.DreamProgress;
import dev.oneira.shared.event.DreamRequested;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamStatus;
import dev.oneira.shared.manifest.ManifestCodec;
import dev.oneira.shared.messaging.Topics;
import dev.oneira.shared.store.ObjectKeys;
import dev.oneira.store.ObjectStore;
import dev.oneira.worker.core.DreamRequestProcessor;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The broker is killed while a dream is being finished and comes back on the same address with
 * its data, as a restarted broker does. The worker's DreamCompleted must reach consumers as ONE
 * event: however often it is waited for or sent again, it carries one eventId per dream.
 */
@QuarkusTest
@WithTestResource(WorkerTestResources.class)
class BrokerOutageTest {

    @WorkerTestResources.Inject
    WorkerTestResources resources;

    @Inject
    ObjectStore store;

    private KafkaProbe kafka;

    @AfterEach
    void brokerBackAndProbeClosed() throws Exception {
        resources.kafka().up();
        if (kafka != null) {
            kafka.close();
        }
    }

    private DreamStatus status(DreamId id) {
        return ManifestCodec.decode(store.get(ObjectKeys.manifest(id)).orElseThrow()).status();
    }

    @Test
    void aBrokerKilledAndRestartedWhileADreamEndsGivesOneDreamCompletedEventPerDream() {
        kafka = new KafkaProbe(resources.bootstrapServers());
        DreamRequested request = TestDreams.upload(store, DreamId.next(), TestDreams.photo(120, 90),
                TestDreams.quick(20).withOctaves(-3, 0), 120, 90); // the first report ends octave 1 of 4
        DreamId id = request.dreamId();
        kafka.send(Topics.DREAM_REQUESTS, id.toString(), TestDreams.json(request));
        await().atMost(Duration.ofSeconds(90)).until(() -> !kafka.eventsOf(id, DreamProgress.class).isEmpty());

        resources.kafka().down();
        long down = System.nanoTime();
        // The dream is finished and stored without the broker; its DreamCompleted waits. The broker
        // stays away longer than the event timeout (10 s in the test profile): the worker times out
        // waiting at least once and must not make a second, different event of it. (With the test's
        // 12 s outage budget the request may also be put back, and answered again from the
        // stored result once the broker is back: one more copy of the same event.)
        await().atMost(Duration.ofSeconds(30)).until(() -> status(id) == DreamStatus.DONE);
        await().during(Duration.ofSeconds(11)).atMost(Duration.ofSeconds(15)).until(() -> status(id) == DreamStatus.DONE);
        resources.kafka().up();
        System.out.printf("broker outage: down for %d ms%n", (System.nanoTime() - down) / 1_000_000);

        await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.eventsOf(id, DreamCompleted.class).isEmpty());
        // A redelivery of the request is answered from the stored result: the same event again.
        kafka.send(Topics.DREAM_REQUESTS, id.toString(), TestDreams.json(request));
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.eventsOf(id, DreamCompleted.class).size() >= 2);

        List<DreamCompleted> completed = kafka.eventsOf(id, DreamCompleted.class);
        System.out.printf("broker outage: %d DreamCompleted records for the dream (one of them a redelivery)%n",
                completed.size());
        assertThat(completed).extracting(DreamEvent::eventId).containsOnly(DreamRequestProcessor.completedEventId(id));
        assertThat(completed).extracting(DreamCompleted::resultKey).containsOnly(ObjectKeys.dream(id));
        assertThat(status(id)).isEqualTo(DreamStatus.DONE);
    }
}
