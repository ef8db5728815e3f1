package dev.oneira.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.oneira.shared.event.DreamCompleted;
import dev.oneira.shared.event.DreamFailed;
import dev.oneira.shared.event.DreamRequested;
import dev.oneira.shared.event.DreamStarted;
import dev.oneira.shared.event.FailureCode;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.DreamStatus;
import dev.oneira.shared.manifest.ManifestCodec;
import dev.oneira.shared.messaging.Topics;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.store.ObjectKeys;
import dev.oneira.store.ObjectStore;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Guided and masked dreams through the deployed worker (real broker, S3 over HTTP): the guide image
 * and the mask are read from the store next to the original, and a dream whose guide or mask is
 * missing or not an image fails in plain words, for good, without starting.
 */
@QuarkusTest
@WithTestResource(WorkerTestResources.class)
class GuideAndMaskTest {

    private static final Duration FIRST_DREAM = Duration.ofSeconds(90); // includes loading the network
    private static final Duration DREAM = Duration.ofSeconds(45);

    @WorkerTestResources.Inject
    WorkerTestResources resources;
    @Inject
    ObjectStore store;

    static KafkaProbe kafka;

    @AfterAll
    static void closeProbe() throws Exception {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    private KafkaProbe kafka() {
        if (kafka == null) {
            kafka = new KafkaProbe(resources.bootstrapServers());
        }
        return kafka;
    }

    @Test
    void aGuidedMaskedDreamReadsBothFromTheStoreAndKeepsThePhotoWhereTheMaskIsBlack() throws Exception {
        DreamId id = DreamId.next();
        DreamSpec spec = TestDreams.quick(4).withGuide(true).withMask(true);
        DreamRequested request = TestDreams.upload(store, id, TestDreams.photo(96, 72), spec, 96, 72);
        store.put(ObjectKeys.guide(id), TestDreams.photo(64, 64), "image/png");
        // Left half black (keep the photo), right half white (dream); a smaller size than the photo.
        store.put(ObjectKeys.mask(id), halves(48, 36), "image/png");
        send(request);

        await().atMost(FIRST_DREAM).until(() -> !kafka().eventsOf(id, DreamCompleted.class).isEmpty()
                || !kafka().eventsOf(id, DreamFailed.class).isEmpty());
        assertThat(kafka().eventsOf(id, DreamFailed.class)).isEmpty();
        DreamManifest done = manifest(id);
        assertThat(done.status()).isEqualTo(DreamStatus.DONE);
        assertThat(done.spec().guide()).isTrue();
        assertThat(done.spec().mask()).isTrue();

        BufferedImage photo = ImageIO.read(new ByteArrayInputStream(store.get(ObjectKeys.original(id)).orElseThrow()));
        BufferedImage dream = ImageIO.read(new ByteArrayInputStream(store.get(ObjectKeys.dream(id)).orElseThrow()));
        assertThat(meanDifference(photo, dream, 0, 40)).as("left (black) part: kept").isLessThanOrEqualTo(1.0);
        assertThat(meanDifference(photo, dream, 56, 96)).as("right (white) part: dreamt").isGreaterThan(1.0);
    }

    @Test
    void aMissingMaskOrAGuideThatIsNotAnImageFailsTheDreamInPlainWordsWithoutStartingIt() {
        DreamId noMask = DreamId.next();
        send(TestDreams.upload(store, noMask, TestDreams.photo(96, 72), TestDreams.quick(1).withMask(true), 96, 72));
        DreamId badGuide = DreamId.next();
        send(TestDreams.upload(store, badGuide, TestDreams.photo(96, 72), TestDreams.quick(1).withGuide(true), 96, 72));
        store.put(ObjectKeys.guide(badGuide), "a shopping list, not a picture".getBytes(StandardCharsets.UTF_8),
                "image/png");

        DreamFailed missing = awaitFailed(noMask);
        assertThat(missing.retryable()).isFalse();
        assertThat(missing.reason()).contains("mask of this dream is missing").doesNotContain("masks/")
                .doesNotContain("Exception");
        DreamFailed undecodable = awaitFailed(badGuide);
        assertThat(undecodable.code()).isEqualTo(FailureCode.UNDECODABLE_IMAGE);
        assertThat(undecodable.retryable()).isFalse();
        assertThat(undecodable.reason()).contains("guide image of this dream is not a picture we can read")
                .doesNotContain("guides/").doesNotContain("Exception");

        for (DreamId id : new DreamId[] {noMask, badGuide}) {
            assertThat(kafka().eventsOf(id, DreamStarted.class)).isEmpty();
            assertThat(manifest(id).status()).isEqualTo(DreamStatus.FAILED);
            assertThat(manifest(id).error().retryable()).isFalse();
        }
    }

    private void send(DreamRequested request) {
        kafka().send(Topics.DREAM_REQUESTS, request.dreamId().toString(), TestDreams.json(request));
    }

    private DreamFailed awaitFailed(DreamId id) {
        await().atMost(FIRST_DREAM).until(() -> !kafka().eventsOf(id, DreamFailed.class).isEmpty());
        return kafka().eventsOf(id, DreamFailed.class).get(0);
    }

    private DreamManifest manifest(DreamId id) {
        return ManifestCodec.decode(store.get(ObjectKeys.manifest(id)).orElseThrow());
    }

    private static byte[] halves(int width, int height) throws Exception {
        BufferedImage mask = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = mask.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, width / 2, height);
        g.setColor(Color.WHITE);
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(mask, "png", out);
        return out.toByteArray();
    }

    /** Mean absolute difference per channel (0..255) over the columns [fromX, toX). */
    private static double meanDifference(BufferedImage a, BufferedImage b, int fromX, int toX) {
        long sum = 0;
        long n = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = fromX; x < toX; x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff));
                    n++;
                }
            }
        }
        return (double) sum / n;
    }
}
