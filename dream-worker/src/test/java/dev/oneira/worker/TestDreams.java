package dev.oneira.worker;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;

import javax.imageio.ImageIO;

import dev.oneira.shared.event.DreamRequested;
import dev.oneira.shared.event.EventCodec;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.ManifestCodec;
import dev.oneira.shared.manifest.Visibility;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.spec.LayerWeight;
import dev.oneira.shared.store.ObjectKeys;
import dev.oneira.store.ObjectStore;

/** Small photos and quick specs, stored the way the gallery stores them. */
final class TestDreams {

    private TestDreams() {
    }

    /** One octave, {@code steps} steps, one 128 tile: about a second a dream on 2 cores. */
    static DreamSpec quick(int steps) {
        return DreamSpec.builder().layers(List.of(LayerWeight.of("mixed3", 1))).octaveFrom(0).octaveTo(0)
                .stepsPerOctave(steps).tileSize(128).maxSide(96).seed(42L).build();
    }

    static byte[] photo(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(30, 90, 200), width, height, new Color(240, 200, 40)));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stores the original and a QUEUED manifest (as the gallery does) and answers the request to send. */
    static DreamRequested upload(ObjectStore store, DreamId id, byte[] original, DreamSpec spec, int w, int h) {
        store.put(ObjectKeys.original(id), original, "image/png");
        DreamManifest queued = DreamManifest.queued(id, spec, w, h, Instant.now(), Visibility.PUBLIC, "hash");
        store.put(ObjectKeys.manifest(id), ManifestCodec.encode(queued), "application/json");
        return DreamRequested.of(id, spec, ObjectKeys.original(id), queued.createdAt());
    }

    static String json(DreamRequested request) {
        return EventCodec.toJson(request);
    }
}
