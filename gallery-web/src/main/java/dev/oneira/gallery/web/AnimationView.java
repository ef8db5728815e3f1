package dev.oneira.gallery.web;

import java.util.List;
import java.util.Locale;

import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.DreamStatus;
import dev.oneira.shared.spec.Animation;
import dev.oneira.shared.spec.DreamSpec;

/** What a dream's page shows of an animation: the video and its share card, progress by frame, its settings. */
public final class AnimationView {

    private AnimationView() {
    }

    /**
     * A finished animation's video for the page and its share card. {@code url} and
     * {@code posterUrl} are absolute (share cards need that); {@code secure} when the page's base is
     * https, for og:video:secure_url. Width and height are the frames' size rounded down to even, as
     * the MP4 encoder (H.264 yuv420p) stores them.
     */
    public record Video(String url, String posterUrl, String downloadUrl, int width, int height, boolean secure,
                        String length) {
    }

    /** The video of a DONE animation, or null for a still or an unfinished dream. */
    static Video video(DreamManifest m, String base) {
        Animation a = m.spec().animation();
        if (a == null || m.status() != DreamStatus.DONE) {
            return null;
        }
        String id = m.id().toString();
        int w = m.dreamWidth() == null ? m.originalWidth() : m.dreamWidth();
        int h = m.dreamHeight() == null ? m.originalHeight() : m.dreamHeight();
        return new Video(base + Links.video(id), base + Links.poster(id), Links.video(id) + "?download=1",
                w & ~1, h & ~1, base.startsWith("https://"), length(a));
    }

    /** "3 s, 72 frames at 24 fps". */
    static String length(Animation a) {
        double seconds = Math.round(a.seconds() * 10) / 10.0;
        return DreamForm.num(seconds) + " s, " + a.frames() + " frames at " + a.fps() + " fps";
    }

    /**
     * The progress line: "frame 37 of 72" for an animation (while frame 0 is dreamt, with its octave
     * and step), "octave 2 of 5, step 3 of 10" for a still, "starting" before the first report.
     * app.js writes the same words from the events.
     */
    static String progressText(DreamView.Progress p) {
        if (p == null) {
            return "starting";
        }
        String octave = "octave " + (p.octave() + 1) + " of " + p.octaveCount() + ", step " + p.step() + " of "
                + p.stepsPerOctave();
        if (p.frameCount() == null || p.frame() == null) {
            return octave;
        }
        int shown = Math.min(p.frame() + 1, p.frameCount());
        return "frame " + shown + " of " + p.frameCount() + (p.frame() == 0 ? " (the first, a full dream: " + octave
                + ")" : "");
    }

    /** The settings rows of an animation (none for a still). */
    static List<DreamPage.Row> rows(DreamSpec spec) {
        Animation a = spec.animation();
        if (a == null) {
            return List.of();
        }
        String direction = a.zoom() > 1 ? "in" : a.zoom() < 1 ? "out" : "none";
        return List.of(
                new DreamPage.Row("Video", a.kind().wireName() + ": " + length(a)),
                new DreamPage.Row("Zoom per frame", DreamForm.num(a.zoom()) + " (" + direction + ")"),
                new DreamPage.Row("Rotation / shift per frame", String.format(Locale.ROOT, "%s° / %s px",
                        DreamForm.num(a.rotate()), a.shift())),
                new DreamPage.Row("Steps per frame", Integer.toString(a.stepsPerFrame())),
                new DreamPage.Row("Blend with the previous frame", DreamForm.num(a.blend())));
    }
}
