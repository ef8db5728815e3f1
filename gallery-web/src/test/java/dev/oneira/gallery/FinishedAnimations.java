package dev.oneira.gallery;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.ManifestCodec;
import dev.oneira.shared.manifest.OwnerTokens;
import dev.oneira.shared.manifest.Visibility;
import dev.oneira.shared.spec.Animation;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.spec.Presets;
import dev.oneira.shared.store.ObjectKeys;
import dev.oneira.store.ObjectStore;
import dev.oneira.video.Mp4Writer;
import dev.oneira.video.PreviewLoop;

/**
 * A finished animation in the store as a worker leaves one (manifest DONE, first frame as PNG and
 * thumbnail, poster, MP4 and preview loop made with the video module the worker uses), for tests of
 * the pages and media that need no worker to dream one first.
 */
final class FinishedAnimations {

    private FinishedAnimations() {
    }

    /** A zoom of {@code frames} frames of {@code width x height} at {@code fps}: a ball crossing a gradient. */
    static DreamId store(ObjectStore store, int width, int height, int frames, int fps) throws Exception {
        DreamId id = DreamId.next();
        DreamSpec spec = Presets.ZOOM.spec().toBuilder().maxSide(Math.max(width, height)).seed(5L)
                .animation(new Animation(Animation.DEFAULT_KIND, frames, fps, 0.95, 1.5, new Animation.Shift(2, -1), 1,
                        0.25)).build();
        Path dir = Files.createTempDirectory("oneira-animation");
        Path mp4 = dir.resolve("v.mp4");
        Path loop = dir.resolve("l.webp");
        BufferedImage first = null;
        try (Mp4Writer writer = Mp4Writer.open(mp4, width, height, fps)) {
            for (int i = 0; i < frames; i++) {
                BufferedImage frame = frame(width, height, (double) i / frames);
                first = first == null ? frame : first;
                writer.write(frame);
            }
        }
        PreviewLoop.fromVideo(mp4, loop, 64, 3);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        DreamManifest done = DreamManifest.queued(id, spec, width, height, now, Visibility.PUBLIC,
                OwnerTokens.hash(OwnerTokens.newToken())).dreaming(spec, "test", now)
                .done(spec, width, height, now, 1000, "test");
        byte[] png = TestPhotos.encode(first, "png");
        byte[] jpeg = TestPhotos.encode(first, "jpeg");
        store.put(ObjectKeys.original(id), TestPhotos.png(width, height), "image/png");
        store.put(ObjectKeys.dream(id), png, "image/png");
        store.put(ObjectKeys.originalThumb(id), TestPhotos.jpeg(width, height), "image/jpeg");
        store.put(ObjectKeys.dreamThumb(id), jpeg, "image/jpeg");
        store.put(ObjectKeys.poster(id), jpeg, "image/jpeg");
        store.put(ObjectKeys.video(id), Files.readAllBytes(mp4), "video/mp4");
        store.put(ObjectKeys.previewLoop(id), Files.readAllBytes(loop), "image/webp");
        store.put(ObjectKeys.manifest(id), ManifestCodec.encode(done), "application/json");
        // and its row, as the projection leaves it after the worker's DreamCompleted
        io.quarkus.arc.Arc.container().instance(dev.oneira.gallery.db.DreamRows.class).get().putManifest(done);
        Files.delete(mp4);
        Files.delete(loop);
        Files.delete(dir);
        return id;
    }

    private static BufferedImage frame(int width, int height, double t) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new java.awt.GradientPaint(0, 0, new Color(40, 20, 90), width, height, new Color(250, 200, 60)));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        int d = Math.max(4, height / 3);
        g.fillOval((int) (t * (width - d)), (height - d) / 2, d, d);
        g.dispose();
        return image;
    }
}
