package dev.oneira.gallery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import dev.oneira.shared.event.DreamProgress;
import dev.oneira.shared.event.EventCodec;
import dev.oneira.shared.id.DreamId;
import dev.oneira.gallery.db.DreamRows;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.ManifestCodec;
import dev.oneira.shared.manifest.Visibility;
import dev.oneira.shared.messaging.Topics;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.spec.LayerWeight;
import dev.oneira.shared.store.ObjectKeys;
import dev.oneira.store.ObjectStore;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A dream whose manifest says DREAMING although no worker works on it (its worker was killed, or
 * waits for the object store): the gallery shows it as waiting for a worker once nothing has been
 * heard of it for longer than the stall timeout (30 s), and as dreaming again as soon as a worker
 * reports progress. Real broker, real S3 over HTTP, the gallery as deployed.
 */
@QuarkusTest
@WithTestResource(GalleryTestResources.class)
class StalledDreamTest {

    @GalleryTestResources.Inject
    GalleryTestResources parts;
    @Inject
    ObjectStore store;
    @Inject
    DreamRows rows;

    /** Stores what a worker killed mid-dream leaves behind: the photo and a DREAMING manifest, started long ago. */
    private DreamManifest abandonedDream(Duration startedAgo) {
        DreamId id = DreamId.next();
        DreamSpec spec = DreamSpec.builder().layers(List.of(LayerWeight.of("mixed3", 1))).octaveFrom(0).octaveTo(0)
                .stepsPerOctave(10).tileSize(128).maxSide(96).seed(5L).build();
        store.put(ObjectKeys.original(id), TestPhotos.png(96, 72), "image/png");
        Instant started = Instant.now().minus(startedAgo);
        DreamManifest dreaming = DreamManifest.queued(id, spec, 96, 72, started.minusSeconds(5), Visibility.PUBLIC, "hash")
                .dreaming(spec, "worker-that-died", started);
        store.put(ObjectKeys.manifest(id), ManifestCodec.encode(dreaming), "application/json");
        rows.putManifest(dreaming); // as the projection left it after the worker's DreamStarted
        return dreaming;
    }

    @Test
    void aDreamingDreamThatNoWorkerReportsOnIsShownAsWaitingForAWorkerUntilOneDoes() throws Exception {
        DreamManifest stale = abandonedDream(Duration.ofMinutes(3));
        String id = stale.id().toString();
        DreamManifest fresh = abandonedDream(Duration.ofSeconds(1));

        given().get("/api/dreams/" + id).then().statusCode(200)
                .body("status", equalTo("DREAMING"))
                .body("waitingForWorker", equalTo(true));
        given().get("/d/" + id).then().statusCode(200)
                .body(containsString("Waiting for a worker again"));
        // Just started: not waiting (the field is absent).
        given().get("/api/dreams/" + fresh.id()).then().statusCode(200)
                .body("status", equalTo("DREAMING"))
                .body("waitingForWorker", nullValue());

        // A worker takes it up again and reports progress: dreaming, no longer waiting.
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, parts.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            DreamProgress progress = DreamProgress.of(stale.id(), 0, 1, 1, 10, 0.5, null, 400);
            producer.send(new ProducerRecord<>(Topics.DREAM_EVENTS, id, EventCodec.toJson(progress)))
                    .get(30, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/dreams/" + id).then().statusCode(200)
                        .body("status", equalTo("DREAMING"))
                        .body("progress.step", equalTo(1))
                        .body("waitingForWorker", nullValue()));
        assertThat(given().get("/d/" + id).asString()).contains("id=\"waiting\" hidden");
    }
}
