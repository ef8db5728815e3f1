package dev.oneira.worker.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.spec.Animation;
import dev.oneira.shared.store.ObjectKeys;
import dev.oneira.store.ObjectStore;
import dev.oneira.store.ObjectStoreConfig;
import dev.oneira.testing.TestS3;

/**
 * An animation's checkpoint in a real object store (S3Proxy over HTTP): what is written, in which
 * state a resumed run finds it, and what happens when it cannot be used or cannot be written.
 */
class CheckpointStoreTest {

    private static final Animation TWELVE = Animation.defaults().withFrames(12).withFps(12);
    private static final long SEED = 42;
    private static TestS3 s3;
    private static ObjectStore store;

    @TempDir
    Path dir;
    private final DreamId id = DreamId.next();
    private final StoreOutage outage = new StoreOutage();

    @BeforeAll
    static void start() {
        s3 = TestS3.start("cp-test", "cp-test-secret");
        store = ObjectStore.open(ObjectStoreConfig.compatible(s3.endpoint(), "checkpoints", s3.accessKey(),
                s3.secretKey()).withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(5)).withMaxAttempts(1));
        store.ensureBucket();
    }

    @AfterAll
    static void stop() {
        store.close();
        s3.close();
    }

    @BeforeEach
    void storeUp() {
        s3.up();
    }

    private CheckpointStore checkpoints(Duration pauseAfterFailure) {
        CheckpointStore.Retrying once = new CheckpointStore.Retrying() {
            @Override
            public <T> T call(String what, Supplier<T> action) {
                return action.get();
            }
        };
        return new CheckpointStore(id, store, once, outage, new AtomicLong(), pauseAfterFailure);
    }

    private SegmentBook book() {
        return new SegmentBook(id, CheckpointState.empty(id, SEED, TWELVE, 32, 24), 4, Duration.ofMinutes(1),
                System::nanoTime);
    }

    private static BufferedImage frame(Color color) {
        BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, 32, 24);
        g.dispose();
        return image;
    }

    /** Writes 4 frames to the book as one closed segment whose file holds {@code content}. */
    private Path segment(SegmentBook book, String content) throws Exception {
        for (int i = 0; i < 4; i++) {
            book.frameWritten(book.nextFrame());
        }
        Path file = Files.writeString(dir.resolve("local-" + content), content);
        book.close(file);
        return file;
    }

    @Test
    void aResumedRunFindsTheSegmentsInOrderAndContinuesAfterTheLastCheckpointedFrame() throws Exception {
        SegmentBook book = book();
        CheckpointStore checkpoints = checkpoints(Duration.ZERO);
        segment(book, "first four frames");
        assertThat(checkpoints.save(book, frame(Color.RED), frame(Color.BLUE))).isTrue();
        segment(book, "next four frames");
        assertThat(checkpoints.save(book, frame(Color.GREEN), frame(Color.BLUE))).isTrue();

        Path fetched = Files.createDirectory(dir.resolve("fetched"));
        Optional<CheckpointStore.Resumed> resumed = checkpoints.read(SEED, TWELVE, 32, 24, fetched);

        assertThat(resumed).hasValueSatisfying(r -> {
            assertThat(r.state().framesDone()).isEqualTo(8);
            assertThat(r.state().lastFrameKey()).isEqualTo(ObjectKeys.checkpointFrame(id, 7));
            assertThat(r.segmentFiles()).extracting(CheckpointStoreTest::text)
                    .containsExactly("first four frames", "next four frames");
            assertThat(new Color(r.lastFrame().getRGB(5, 5))).isEqualTo(Color.GREEN);
            assertThat(new Color(r.firstFrame().getRGB(5, 5))).isEqualTo(Color.BLUE);
        });
        assertThat(store.list(ObjectKeys.checkpointPrefix(id))).as("the former resume frame (3) is gone")
                .containsExactlyInAnyOrder(ObjectKeys.checkpointFrame(id, 0), ObjectKeys.checkpointFrame(id, 7),
                        ObjectKeys.checkpointSegment(id, 0, 3), ObjectKeys.checkpointSegment(id, 4, 7),
                        ObjectKeys.checkpointState(id));
    }

    @Test
    void noCheckpointMeansFrameZero() {
        assertThat(checkpoints(Duration.ZERO).read(SEED, TWELVE, 32, 24, dir)).isEmpty();
    }

    @Test
    void aCheckpointOfAnotherSeedOrMissingAnObjectIsRemovedAndTheAnimationStartsOver() throws Exception {
        SegmentBook book = book();
        CheckpointStore checkpoints = checkpoints(Duration.ZERO);
        segment(book, "four frames");
        checkpoints.save(book, frame(Color.RED), frame(Color.BLUE));

        assertThat(checkpoints.read(SEED + 1, TWELVE, 32, 24, dir)).isEmpty();
        assertThat(store.list(ObjectKeys.checkpointPrefix(id))).isEmpty();

        SegmentBook again = book();
        segment(again, "four frames again");
        checkpoints.save(again, frame(Color.RED), frame(Color.BLUE));
        store.delete(ObjectKeys.checkpointSegment(id, 0, 3));

        assertThat(checkpoints.read(SEED, TWELVE, 32, 24, dir)).isEmpty();
        assertThat(store.list(ObjectKeys.checkpointPrefix(id))).isEmpty();
    }

    @Test
    void aCheckpointThatCannotBeStoredIsSkippedAndTheNextOneStoresWhatWasMissed() throws Exception {
        SegmentBook book = book();
        CheckpointStore checkpoints = checkpoints(Duration.ZERO);
        segment(book, "stored late");
        s3.down();

        assertThat(checkpoints.save(book, frame(Color.RED), frame(Color.BLUE))).isFalse();
        assertThat(outage.downSince()).isPresent();

        s3.up();
        segment(book, "stored at once");
        assertThat(checkpoints.save(book, frame(Color.GREEN), frame(Color.BLUE))).isTrue();
        assertThat(outage.downSince()).isEmpty();
        assertThat(checkpoints.read(SEED, TWELVE, 32, 24, Files.createDirectory(dir.resolve("f"))))
                .hasValueSatisfying(r -> assertThat(r.segmentFiles()).extracting(CheckpointStoreTest::text)
                        .containsExactly("stored late", "stored at once"));
    }

    @Test
    void afterAFailedCheckpointTheNextWaitsForThePause() throws Exception {
        SegmentBook book = book();
        CheckpointStore checkpoints = checkpoints(Duration.ofMinutes(5));
        segment(book, "a");
        s3.down();
        assertThat(checkpoints.save(book, frame(Color.RED), frame(Color.BLUE))).isFalse();
        s3.up();
        segment(book, "b");

        assertThat(checkpoints.save(book, frame(Color.RED), frame(Color.BLUE))).as("paused").isFalse();
        assertThat(store.list(ObjectKeys.checkpointPrefix(id))).isEmpty();
        assertThat(book.unstored()).hasSize(2);
    }

    @Test
    void completionRemovesEveryCheckpointObject() throws Exception {
        SegmentBook book = book();
        CheckpointStore checkpoints = checkpoints(Duration.ZERO);
        segment(book, "x");
        checkpoints.save(book, frame(Color.RED), frame(Color.BLUE));

        checkpoints.deleteAll();

        assertThat(store.list(ObjectKeys.checkpointPrefix(id))).isEmpty();
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
