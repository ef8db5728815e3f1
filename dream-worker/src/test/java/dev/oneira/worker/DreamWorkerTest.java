package dev.oneira.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.oneira.shared.event.DreamCompleted;
import dev.oneira.shared.event.DreamEvent;
import dev.oneira.shared.event.DreamFailed;
import dev.oneira.shared.event.DreamProgress;
import dev.oneira.shared.event.DreamRequested;
import dev.oneira.shared.event.DreamStarted;
import dev.oneira.shared.event.FailureCode;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.DreamStatus;
import dev.oneira.shared.manifest.ManifestCodec;
import dev.oneira.shared.manifest.Visibility;
import dev.oneira.shared.messaging.Topics;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.store.ObjectKeys;
import dev.oneira.store.ObjectStore;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The worker as deployed: Quarkus app, SmallRye Kafka consumer, a real broker and S3 over HTTP.
 * Requests go in on dream-requests; what comes out is read from dream-events, the DLQ and the store.
 */
@QuarkusTest
@WithTestResource(WorkerTestResources.class)
class DreamWorkerTest {

    private static final Duration FIRST_DREAM = Duration.ofSeconds(90); // includes loading the network
    private static final Duration DREAM = Duration.ofSeconds(45);

    @WorkerTestResources.Inject
    WorkerTestResources resources;

    @Inject
    ObjectStore store;

    @TestHTTPResource("/")
    URI base;

    static KafkaProbe kafka;

    @BeforeAll
    static void noProbeYet() {
        kafka = null;
    }

    @AfterAll
    static void closeProbe() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    private KafkaProbe kafka() {
        if (kafka == null) {
            kafka = new KafkaProbe(resources.bootstrapServers());
        }
        return kafka;
    }

    private DreamRequested upload(DreamSpec spec) {
        DreamId id = DreamId.next();
        return TestDreams.upload(store, id, TestDreams.photo(120, 90), spec, 120, 90);
    }

    private void request(DreamRequested request) {
        kafka().send(Topics.DREAM_REQUESTS, request.dreamId().toString(), TestDreams.json(request));
    }

    private DreamCompleted awaitCompleted(DreamId id, Duration within) {
        await().atMost(within).until(() -> !kafka().eventsOf(id, DreamCompleted.class).isEmpty());
        return kafka().eventsOf(id, DreamCompleted.class).get(0);
    }

    private DreamFailed awaitFailed(DreamId id) {
        await().atMost(DREAM).until(() -> !kafka().eventsOf(id, DreamFailed.class).isEmpty());
        return kafka().eventsOf(id, DreamFailed.class).get(0);
    }

    private DreamManifest manifest(DreamId id) {
        return ManifestCodec.decode(store.get(ObjectKeys.manifest(id)).orElseThrow());
    }

    @Test
    void dreamsARequestEndToEnd() throws Exception {
        // Two octaves so that there are two octave ends, each with a progress event and a preview.
        DreamSpec spec = TestDreams.quick(2).withOctaves(-1, 0);
        DreamRequested request = upload(spec);
        DreamId id = request.dreamId();
        request(request);

        DreamCompleted completed = awaitCompleted(id, FIRST_DREAM);

        // Events in order, all keyed by the dream id.
        List<KafkaProbe.Keyed> events = kafka().eventsOf(id);
        assertThat(events).extracting(KafkaProbe.Keyed::key).containsOnly(id.toString());
        assertThat(events).extracting(KafkaProbe.Keyed::partition).containsOnly(events.get(0).partition());
        List<DreamEvent> sequence = events.stream().map(KafkaProbe.Keyed::event).toList();
        assertThat(sequence.get(0)).isInstanceOf(DreamStarted.class);
        assertThat(sequence.get(sequence.size() - 1)).isInstanceOf(DreamCompleted.class);
        assertThat(sequence.subList(1, sequence.size() - 1)).isNotEmpty().allMatch(e -> e instanceof DreamProgress);
        DreamStarted started = (DreamStarted) sequence.get(0);
        assertThat(started.worker()).isEqualTo("test-worker");
        assertThat(started.seed()).isEqualTo(42L);
        // the network and engine that dream it (issue 15), the same in the manifest and both events
        assertThat(started.engine()).isNotNull();
        assertThat(started.engine().modelSha256()).matches("[0-9a-f]{64}");
        assertThat(started.engine().engineVersion()).matches("\\d+\\.\\d+\\.\\d+.*");
        // Screened first (issue 12): the test photo is far below the default threshold, so it is dreamt.
        assertThat(started.screening()).isNotNull();
        assertThat(started.screening().threshold()).isEqualTo(0.5);
        assertThat(started.screening().held()).isFalse();
        assertThat(started.screening().original().explicit()).isLessThan(0.5);

        // A progress event with a stored JPEG preview at the end of each octave, fractions rising to 1.
        List<DreamProgress> progress = kafka().eventsOf(id, DreamProgress.class);
        List<DreamProgress> octaveEnds = progress.stream().filter(p -> p.step() == p.stepsPerOctave()).toList();
        assertThat(octaveEnds).extracting(DreamProgress::octave).containsExactly(0, 1);
        assertThat(progress).extracting(DreamProgress::fraction).isSorted();
        assertThat(progress.get(progress.size() - 1).fraction()).isEqualTo(1.0);
        for (DreamProgress p : octaveEnds) {
            assertThat(p.previewKey()).startsWith(ObjectKeys.previewPrefix(id));
            BufferedImage preview = ImageIO.read(new ByteArrayInputStream(store.get(p.previewKey()).orElseThrow()));
            assertThat(preview).isNotNull();
            assertThat(Math.max(preview.getWidth(), preview.getHeight())).isLessThanOrEqualTo(256);
        }

        // Result, thumbnails and manifest stored.
        assertThat(completed.resultKey()).isEqualTo(ObjectKeys.dream(id));
        assertThat(completed.worker()).isEqualTo("test-worker");
        assertThat(completed.seed()).isEqualTo(42L);
        // the worker's whole time on it (taken to stored), which the gallery's queue estimates learn from,
        // covers the dreaming the page shows
        assertThat(completed.serviceMs()).isNotNull().isGreaterThanOrEqualTo(completed.elapsedMs());
        assertThat(completed.elapsedMs()).isPositive();
        BufferedImage dream = ImageIO.read(new ByteArrayInputStream(store.get(ObjectKeys.dream(id)).orElseThrow()));
        assertThat(dream.getWidth()).isEqualTo(96);
        assertThat(dream.getHeight()).isEqualTo(72);
        assertThat(completed.width()).isEqualTo(96);
        assertThat(completed.height()).isEqualTo(72);
        for (String thumb : List.of(ObjectKeys.originalThumb(id), ObjectKeys.dreamThumb(id))) {
            assertThat(ImageIO.read(new ByteArrayInputStream(store.get(thumb).orElseThrow()))).isNotNull();
        }
        DreamManifest manifest = manifest(id);
        assertThat(manifest.status()).isEqualTo(DreamStatus.DONE);
        assertThat(manifest.spec().seed()).isEqualTo(42L);
        assertThat(manifest.worker()).isEqualTo("test-worker");
        assertThat(manifest.dreamWidth()).isEqualTo(96);
        assertThat(manifest.startedAt()).isNotNull();
        assertThat(manifest.completedAt()).isAfterOrEqualTo(manifest.startedAt());
        assertThat(manifest.ownerTokenHash()).isEqualTo("hash"); // what the gallery wrote is kept
        assertThat(manifest.engine()).isEqualTo(started.engine());
        assertThat(completed.engine()).isEqualTo(started.engine());
        assertThat(manifest.screening()).isEqualTo(started.screening());

        // Ready (network loaded, Kafka connected), and the metrics show the dream.
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(base.resolve("/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(ready.body()).contains("dream-engine", "PyTorch");
        String metrics = http.send(HttpRequest.newBuilder(base.resolve("/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("oneira_dreams_completed_total", "oneira_dream_duration_seconds_count",
                "oneira_dream_step_duration_seconds_count", "oneira_dreams_in_flight");
    }

    @Test
    void aRedeliveredRequestWhoseResultExistsIsAnsweredWithoutDreaming() {
        DreamRequested request = upload(TestDreams.quick(1));
        DreamId id = request.dreamId();
        request(request);
        awaitCompleted(id, FIRST_DREAM);
        DreamManifest done = manifest(id);

        request(request); // the same request again, as after a redelivery
        await().atMost(DREAM).until(() -> kafka().eventsOf(id, DreamCompleted.class).size() == 2);

        assertThat(kafka().eventsOf(id, DreamStarted.class)).hasSize(1);
        DreamCompleted again = kafka().eventsOf(id, DreamCompleted.class).get(1);
        assertThat(again.resultKey()).isEqualTo(ObjectKeys.dream(id));
        assertThat(again.seed()).isEqualTo(42L);
        assertThat(again.engine()).as("the engine that made it, from the manifest").isEqualTo(done.engine())
                .isNotNull();
        assertThat(again.width()).isEqualTo(done.dreamWidth());
        assertThat(manifest(id)).isEqualTo(done);
    }

    @Test
    void whatTheOwnerDoesWhileADreamIsDreamtWinsOverTheWorkersManifest() {
        DreamRequested hidden = upload(TestDreams.quick(100));
        DreamRequested deleted = upload(TestDreams.quick(100));
        request(hidden);
        request(deleted);

        // Hidden by its owner while dreaming (what the gallery does: rewrite the manifest).
        await().atMost(FIRST_DREAM).until(() -> !kafka().eventsOf(hidden.dreamId(), DreamStarted.class).isEmpty());
        store.put(ObjectKeys.manifest(hidden.dreamId()), ManifestCodec.encode(
                manifest(hidden.dreamId()).withVisibility(Visibility.HIDDEN)), "application/json");
        awaitCompleted(hidden.dreamId(), DREAM);
        assertThat(manifest(hidden.dreamId()).status()).isEqualTo(DreamStatus.DONE);
        assertThat(manifest(hidden.dreamId()).visibility()).isEqualTo(Visibility.HIDDEN);

        // Deleted by its owner while dreaming: nothing of it comes back.
        DreamId id = deleted.dreamId();
        await().atMost(DREAM).until(() -> !kafka().eventsOf(id, DreamStarted.class).isEmpty());
        store.delete(ObjectKeys.manifest(id));
        store.delete(ObjectKeys.original(id));
        DreamRequested next = upload(TestDreams.quick(1));
        request(next);
        awaitCompleted(next.dreamId(), DREAM);

        assertThat(kafka().eventsOf(id, DreamCompleted.class)).isEmpty();
        assertThat(store.exists(ObjectKeys.manifest(id))).isFalse();
        assertThat(store.exists(ObjectKeys.dream(id))).isFalse();
        assertThat(store.list(ObjectKeys.previewPrefix(id))).isEmpty();
    }

    @Test
    void poisonRequestsEndInDreamFailedAndTheNextRequestIsStillDreamt() {
        // Not JSON at all: to the DLQ with the reason; nothing to answer.
        kafka().send(Topics.DREAM_REQUESTS, "garbage", "this is {not json");
        // An original that is not an image.
        DreamId undecodable = DreamId.next();
        DreamRequested badImage = TestDreams.upload(store, undecodable,
                "GIF89a? no, just text".getBytes(StandardCharsets.UTF_8), TestDreams.quick(1), 10, 10);
        request(badImage);
        // A spec out of range (steps per octave above 200).
        DreamRequested badSpec = upload(TestDreams.quick(1).withStepsPerOctave(500));
        request(badSpec);
        // And a good one behind them.
        DreamRequested good = upload(TestDreams.quick(1));
        request(good);

        DreamFailed imageFailure = awaitFailed(undecodable);
        assertThat(imageFailure.code()).isEqualTo(FailureCode.UNDECODABLE_IMAGE);
        assertThat(imageFailure.retryable()).isFalse();
        assertThat(imageFailure.reason()).contains("could not be read as an image");
        assertPlainWords(imageFailure.reason());
        assertPlainWords(manifest(undecodable).error().reason());

        DreamFailed specFailure = awaitFailed(badSpec.dreamId());
        assertThat(specFailure.code()).isEqualTo(FailureCode.INVALID_SPEC);
        assertThat(specFailure.retryable()).isFalse();
        assertThat(specFailure.reason()).contains("stepsPerOctave");

        awaitCompleted(good.dreamId(), FIRST_DREAM);

        assertThat(manifest(undecodable).status()).isEqualTo(DreamStatus.FAILED);
        assertThat(manifest(undecodable).error().code()).isEqualTo(FailureCode.UNDECODABLE_IMAGE);
        assertThat(manifest(badSpec.dreamId()).status()).isEqualTo(DreamStatus.FAILED);
        assertThat(kafka().eventsOf(undecodable, DreamStarted.class)).isEmpty();

        await().atMost(DREAM).until(() -> kafka().deadLetters().stream().anyMatch(r -> "garbage".equals(r.key())));
        ConsumerRecord<String, String> dead = kafka().deadLetters().stream()
                .filter(r -> "garbage".equals(r.key())).findFirst().orElseThrow();
        assertThat(dead.value()).isEqualTo("this is {not json");
        assertThat(KafkaProbe.headers(dead).get("dead-letter-reason")).contains("unreadable dream request");
    }

    private HttpResponse<String> readiness() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private boolean storeReportedDown() throws Exception {
        HttpResponse<String> ready = readiness();
        return ready.statusCode() == 503 && ready.body().contains("object-store") && ready.body().contains("unreachable");
    }

    /** What the owner is shown must never carry the store's address, keys or exception classes. */
    private static void assertPlainWords(String shown) {
        assertThat(shown).isNotBlank()
                .doesNotContain("http://", "127.0.0.1", "bucket", "originals/", "dreams/", "manifests/")
                .doesNotContainPattern("[A-Za-z]+(Exception|Error)\\b")
                .doesNotContain("java.", "dev.oneira");
    }

    @Test
    void theStoreGoingDownMidDreamIsRiddenOutAndTheDreamEndsDoneOnce() throws Exception {
        // Outage budget in the test profile: 12 s (production: 15 min). The store goes down after the
        // first progress report and comes back 3 s after the last step: the finished dream waits in
        // memory far longer than the old retries (3 tries, 0.3 s) would have waited. Four octaves: the
        // first report comes at the end of the first, so the store goes down mid-dream however fast
        // the machine (with one octave an idle machine finished before the first report).
        DreamRequested request = upload(TestDreams.quick(40).withOctaves(-3, 0));
        DreamId id = request.dreamId();
        request(request);
        await().atMost(FIRST_DREAM).until(() -> !kafka().eventsOf(id, DreamProgress.class).isEmpty());

        resources.stopS3();
        long down = System.nanoTime();
        try {
            // The steps go on without previews; the finished dream waits in memory for the store.
            await().atMost(DREAM).until(() -> kafka().eventsOf(id, DreamProgress.class).stream()
                    .anyMatch(p -> p.fraction() == 1.0));
            await().atMost(DREAM).until(this::storeReportedDown);
            // The store stays down a while longer; nothing is given up meanwhile.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> kafka().eventsOf(id, DreamCompleted.class).isEmpty()
                            && kafka().eventsOf(id, DreamFailed.class).isEmpty());
        } finally {
            resources.startS3();
        }
        System.out.printf("store outage mid-dream: S3Proxy down for %d ms%n", (System.nanoTime() - down) / 1_000_000);

        awaitCompleted(id, DREAM);
        await().atMost(Duration.ofSeconds(5)).until(() -> readiness().statusCode() == 200);
        assertThat(kafka().eventsOf(id, DreamCompleted.class)).hasSize(1);
        assertThat(kafka().eventsOf(id, DreamStarted.class)).hasSize(1);
        assertThat(kafka().eventsOf(id, DreamFailed.class)).isEmpty();
        assertThat(kafka().deadLetters()).noneMatch(r -> id.toString().equals(r.key()));
        assertThat(kafka().requestsOf(id)).as("never put back: the outage was shorter than the budget").hasSize(1);
        assertThat(manifest(id).status()).isEqualTo(DreamStatus.DONE);
        assertThat(store.exists(ObjectKeys.dream(id))).isTrue();
    }

    @Test
    void theStoreGoingDownMidAnimationCostsNoFramesAndTheVideoIsStoredOnceItIsBack() throws Exception {
        // 96 x 72 frames, checkpoints every 4 frames (test profile): the store goes down once frame 0 is
        // done, so the checkpoints after it are skipped, the frames go on, and the finished video waits
        // on disk for the store.
        DreamSpec spec = TestDreams.quick(2).toBuilder().animation(dev.oneira.shared.spec.Animation.defaults()
                .withFrames(16).withFps(8).withStepsPerFrame(2)).build();
        DreamRequested request = upload(spec);
        DreamId id = request.dreamId();
        request(request);
        await().atMost(FIRST_DREAM).until(() -> kafka().eventsOf(id, DreamProgress.class).stream()
                .anyMatch(p -> p.frame() != null && p.frame() >= 1));

        resources.stopS3();
        try {
            await().atMost(DREAM).until(() -> kafka().eventsOf(id, DreamProgress.class).stream()
                    .anyMatch(p -> p.frame() == 16));
            await().atMost(DREAM).until(this::storeReportedDown);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                    .until(() -> kafka().eventsOf(id, DreamCompleted.class).isEmpty());
        } finally {
            resources.startS3();
        }

        DreamCompleted completed = awaitCompleted(id, DREAM);
        assertThat(completed.videoKey()).isEqualTo(ObjectKeys.video(id));
        assertThat(kafka().eventsOf(id, DreamStarted.class)).hasSize(1);
        assertThat(kafka().eventsOf(id, DreamFailed.class)).isEmpty();
        assertThat(kafka().requestsOf(id)).as("never put back").hasSize(1);
        java.nio.file.Path video = java.nio.file.Files.createTempFile("mid-outage", ".mp4");
        try {
            assertThat(store.download(ObjectKeys.video(id), video)).isTrue();
            assertThat(dev.oneira.video.VideoProbe.probe(video).frames()).isEqualTo(16);
        } finally {
            java.nio.file.Files.deleteIfExists(video);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> store.list(ObjectKeys.checkpointPrefix(id)).isEmpty());
        assertThat(manifest(id).status()).isEqualTo(DreamStatus.DONE);
    }

    @Test
    void anOutageLongerThanTheBudgetPutsTheRequestBackUntilTheStoreReturnsAndNeverFailsTheDream() throws Exception {
        DreamRequested request = upload(TestDreams.quick(1));
        DreamId id = request.dreamId();
        resources.stopS3();
        try {
            request(request);
            await().atMost(DREAM).until(this::storeReportedDown);
            // Past the 12 s budget the request goes back on dream-requests (not the DLQ).
            await().atMost(DREAM).until(() -> kafka().requestsOf(id).size() >= 2);
        } finally {
            resources.startS3();
        }
        assertThat(kafka().requestsOf(id)).allSatisfy(r -> assertThat(r.value()).isEqualTo(TestDreams.json(request)));

        awaitCompleted(id, FIRST_DREAM);
        assertThat(kafka().eventsOf(id, DreamCompleted.class)).extracting(DreamEvent::eventId).containsOnly(
                kafka().eventsOf(id, DreamCompleted.class).get(0).eventId());
        assertThat(kafka().eventsOf(id, DreamFailed.class)).as("a transient fault is no failure of the dream").isEmpty();
        assertThat(kafka().deadLetters()).noneMatch(r -> id.toString().equals(r.key()));
        assertThat(manifest(id).status()).isEqualTo(DreamStatus.DONE);
        await().atMost(Duration.ofSeconds(5)).until(() -> readiness().statusCode() == 200);
    }

    @Test
    void aHangingStoreCostsADreamOneShortPreviewTimeoutNotTheCallTimeoutPerPreview() throws Exception {
        // A progress report (with a preview) every 2 s and at the end of each octave: with four
        // octaves several are due while the store hangs, however fast the machine. Each would wait the
        // call timeout (10 s here, 60 s in production) without a timeout of its own.
        DreamRequested request = upload(TestDreams.quick(30).withOctaves(-3, 0));
        DreamId id = request.dreamId();
        request(request);
        await().atMost(FIRST_DREAM).until(() -> !kafka().eventsOf(id, DreamProgress.class).isEmpty());

        resources.s3().hang();
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> kafka().eventsOf(id, DreamProgress.class).stream()
                    .anyMatch(p -> p.fraction() == 1.0));
        } finally {
            resources.startS3();
        }
        List<DreamProgress> progress = kafka().eventsOf(id, DreamProgress.class);
        assertThat(progress.stream().filter(p -> p.previewKey() == null).count())
                .as("progress reported without previews while the store hangs").isGreaterThan(1);
        // A preview write that waited for the call timeout would leave a gap of 10 s or more between
        // two reports; one short preview timeout (1 s) plus a step does not, even on a loaded machine.
        long widestGap = 0;
        for (int i = 1; i < progress.size(); i++) {
            widestGap = Math.max(widestGap, progress.get(i).elapsedMs() - progress.get(i - 1).elapsedMs());
        }
        System.out.printf("hanging store: widest gap between two progress reports %d ms%n", widestGap);
        assertThat(widestGap).as("ms between two progress reports").isLessThan(8000);

        awaitCompleted(id, DREAM);
        assertThat(manifest(id).status()).isEqualTo(DreamStatus.DONE);
    }

    @Test
    void aMissingPhotoFailsInPlainWords() {
        DreamRequested request = upload(TestDreams.quick(1));
        DreamId id = request.dreamId();
        store.delete(ObjectKeys.original(id));
        request(request);

        DreamFailed failed = awaitFailed(id);
        assertThat(failed.retryable()).isFalse();
        assertPlainWords(failed.reason());
        assertPlainWords(manifest(id).error().reason());
    }
}
