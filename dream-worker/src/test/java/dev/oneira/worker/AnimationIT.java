package dev.oneira.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.oneira.shared.event.DreamCompleted;
import dev.oneira.shared.event.DreamProgress;
import dev.oneira.shared.event.DreamRequested;
import dev.oneira.shared.event.DreamStarted;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.DreamStatus;
import dev.oneira.shared.manifest.ManifestCodec;
import dev.oneira.shared.messaging.Topics;
import dev.oneira.shared.spec.Animation;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.store.ObjectKeys;
import dev.oneira.store.ObjectStore;
import dev.oneira.testing.WorkerProcess;
import dev.oneira.video.VideoInfo;
import dev.oneira.video.VideoProbe;

/**
 * Animations through the packaged worker, a process of its own, with the real broker and S3Proxy:
 * one completes (a video that decodes with the frames, rate and size asked for, its loop and poster,
 * the checkpoint gone), is answered again when redelivered, and one whose worker is killed
 * (SIGKILL) mid-animation is finished by another worker from its checkpoint, not from frame 0.
 * Small on purpose: 128-px frames, one step each.
 */
class AnimationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Frames are checkpointed every 4 frames; the Kafka session is short so a killed worker's partition moves soon. */
    private static final List<String> QUICK_CHECKPOINTS = List.of("-Doneira.worker.segment-frames=4",
            "-Dmp.messaging.incoming.dream-requests.session.timeout.ms=6000",
            "-Dmp.messaging.incoming.dream-requests.heartbeat.interval.ms=1000");

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

    private static WorkerProcess worker(String name) throws InterruptedException {
        Path jar = Path.of(System.getProperty("worker.jar", "target/quarkus-app/quarkus-run.jar"));
        return WorkerProcess.start(jar, name, Path.of("target", name + ".log"), resources.kafka(), resources.s3(),
                WorkerTestResources.BUCKET, Duration.ofSeconds(5), QUICK_CHECKPOINTS).awaitReady(Duration.ofSeconds(90));
    }

    /** A zoom of {@code frames} frames of 128 x 96 px at 12 fps, one step per frame. */
    private static DreamSpec zoom(int frames, int stepsPerFrame) {
        return TestDreams.quick(2).toBuilder().maxSide(128)
                .animation(Animation.defaults().withFrames(frames).withFps(12).withStepsPerFrame(stepsPerFrame)
                        .withZoom(1.05))
                .build();
    }

    private static DreamRequested request(DreamSpec spec) {
        DreamId id = DreamId.next();
        DreamRequested r = TestDreams.upload(store, id, TestDreams.photo(160, 120), spec, 160, 120);
        probe.send(Topics.DREAM_REQUESTS, id.toString(), TestDreams.json(r));
        return r;
    }

    private static DreamManifest manifest(DreamId id) {
        return ManifestCodec.decode(store.get(ObjectKeys.manifest(id)).orElseThrow());
    }

    private static VideoInfo probeVideo(DreamId id) throws Exception {
        Path file = Files.createTempFile("animation", ".mp4");
        try {
            assertThat(store.download(ObjectKeys.video(id), file)).isTrue();
            return VideoProbe.probe(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Frames the stored checkpoint record says are done; empty while there is none. */
    private static Optional<Integer> checkpointedFrames(DreamId id) {
        return store.get(ObjectKeys.checkpointState(id)).map(bytes -> {
            try {
                return JSON.readTree(bytes).path("framesDone").asInt();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void anAnimationCompletesAsAVideoAndARedeliveryIsAnsweredNotRedone() throws Exception {
        try (WorkerProcess worker = worker("anim-it-1")) {
            DreamRequested r = request(zoom(12, 1));
            DreamId id = r.dreamId();

            await().atMost(Duration.ofSeconds(120)).until(() -> !probe.eventsOf(id, DreamCompleted.class).isEmpty());

            DreamCompleted done = probe.eventsOf(id, DreamCompleted.class).get(0);
            assertThat(done.videoKey()).isEqualTo(ObjectKeys.video(id));
            assertThat(done.previewLoopKey()).isEqualTo(ObjectKeys.previewLoop(id));
            assertThat(done.posterKey()).isEqualTo(ObjectKeys.poster(id));
            assertThat(done.width()).isEqualTo(128);
            assertThat(done.height()).isEqualTo(96);
            VideoInfo video = probeVideo(id);
            assertThat(video.codec()).isEqualTo("h264");
            assertThat(video.frames()).isEqualTo(12);
            assertThat(video.fps()).isCloseTo(12.0, org.assertj.core.data.Offset.offset(0.01));
            assertThat(video.width()).isEqualTo(128);
            assertThat(video.height()).isEqualTo(96);
            assertThat(store.get(ObjectKeys.previewLoop(id))).hasValueSatisfying(b -> assertThat(b.length)
                    .isBetween(1, 2 * 1024 * 1024));
            assertThat(store.exists(ObjectKeys.poster(id))).isTrue();
            assertThat(store.exists(ObjectKeys.dream(id))).as("frame 0 is the still result").isTrue();
            // Removed right after DreamCompleted is sent.
            await().atMost(Duration.ofSeconds(20)).until(() -> store.list(ObjectKeys.checkpointPrefix(id)).isEmpty());
            assertThat(manifest(id).status()).isEqualTo(DreamStatus.DONE);
            assertThat(manifest(id).spec().animation()).isEqualTo(r.spec().animation());
            List<DreamProgress> progress = probe.eventsOf(id, DreamProgress.class);
            assertThat(progress).isNotEmpty().allSatisfy(p -> assertThat(p.frameCount()).isEqualTo(12));
            assertThat(progress).extracting(DreamProgress::frame).isSorted().contains(12);
            assertThat(progress.get(progress.size() - 1).fraction()).isEqualTo(1.0);

            probe.send(Topics.DREAM_REQUESTS, id.toString(), TestDreams.json(r));

            await().atMost(Duration.ofSeconds(30)).until(() -> probe.eventsOf(id, DreamCompleted.class).size() == 2);
            DreamCompleted again = probe.eventsOf(id, DreamCompleted.class).get(1);
            assertThat(again.eventId()).isEqualTo(done.eventId());
            assertThat(again.videoKey()).isEqualTo(done.videoKey());
            assertThat(probe.eventsOf(id, DreamStarted.class)).as("not dreamt again").hasSize(1);
        }
    }

    @Test
    void aKilledWorkersAnimationIsFinishedByAnotherFromItsCheckpoint() throws Exception {
        int frames = 24;
        DreamId id;
        int checkpointed;
        try (WorkerProcess first = worker("anim-it-2")) {
            id = request(zoom(frames, 2)).dreamId();
            // Killed at the first checkpoint (frames 0..3): however fast the machine, most frames are still to come.
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                    .until(() -> checkpointedFrames(id).isPresent());

            first.kill();

            checkpointed = checkpointedFrames(id).orElseThrow();
            assertThat(probe.eventsOf(id, DreamCompleted.class)).as("killed before the end").isEmpty();
        }
        assertThat(checkpointed).isLessThan(frames);

        try (WorkerProcess second = worker("anim-it-3")) {
            await().atMost(Duration.ofSeconds(180)).until(() -> !probe.eventsOf(id, DreamCompleted.class).isEmpty());

            assertThat(probe.eventsOf(id, DreamCompleted.class)).singleElement()
                    .satisfies(c -> assertThat(c.worker()).isEqualTo("anim-it-3"));
            // The second worker's reports (after its DreamStarted) start at the checkpoint, not at frame 0.
            List<dev.oneira.shared.event.DreamEvent> events = probe.eventsOf(id).stream().map(KafkaProbe.Keyed::event)
                    .toList();
            List<DreamStarted> starts = probe.eventsOf(id, DreamStarted.class);
            assertThat(starts).hasSize(2);
            List<DreamProgress> afterRestart = events.subList(events.indexOf(starts.get(1)), events.size()).stream()
                    .filter(DreamProgress.class::isInstance).map(DreamProgress.class::cast).toList();
            assertThat(afterRestart).isNotEmpty()
                    .allSatisfy(p -> assertThat(p.frame()).isGreaterThanOrEqualTo(checkpointed));
            assertThat(Files.readString(Path.of("target", "anim-it-3.log")))
                    .contains("resuming the animation after frame " + (checkpointed - 1))
                    .contains((frames - checkpointed) + " frames dreamt (" + checkpointed + " resumed from a checkpoint)");
            VideoInfo video = probeVideo(id);
            assertThat(video.frames()).isEqualTo(frames);
            assertThat(video.width()).isEqualTo(128);
            await().atMost(Duration.ofSeconds(20)).until(() -> store.list(ObjectKeys.checkpointPrefix(id)).isEmpty());
            assertThat(manifest(id).status()).isEqualTo(DreamStatus.DONE);
        }
    }
}
