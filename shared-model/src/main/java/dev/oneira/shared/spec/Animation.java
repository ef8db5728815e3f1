package dev.oneira.shared.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dream that is a video: {@link DreamSpec#animation()} is null for a still. Frame 0 is a full dream
 * of the photo with the spec (all its octaves); each next frame is the previous one zoomed about the
 * centre by {@code zoom} (above 1 zooms in, below 1 out), rotated by {@code rotate} degrees, shifted
 * by {@code shift} pixels, blended with the previous frame by {@code blend} (the previous frame's share:
 * 0 = not at all, more steadies the picture and leaves trails) and then
 * dreamt {@code stepsPerFrame} steps with the spec's layers. The video plays at {@code fps}.
 *
 * <table>
 * <caption>Fields, bounds and defaults (the zoom preset's)</caption>
 * <tr><th>field</th><th>allowed</th><th>default</th></tr>
 * <tr><td>kind</td><td>{@code zoom}</td><td>zoom</td></tr>
 * <tr><td>frames</td><td>[{@value #MIN_FRAMES}, {@value #MAX_FRAMES}], frame 0 included</td><td>{@value #DEFAULT_FRAMES}</td></tr>
 * <tr><td>fps</td><td>[{@value #MIN_FPS}, {@value #MAX_FPS}]</td><td>{@value #DEFAULT_FPS}</td></tr>
 * <tr><td>zoom</td><td>[{@value #MIN_ZOOM}, {@value #MAX_ZOOM}] per frame</td><td>{@value #DEFAULT_ZOOM}</td></tr>
 * <tr><td>rotate</td><td>[{@value #MIN_ROTATE}, {@value #MAX_ROTATE}] degrees per frame</td><td>0</td></tr>
 * <tr><td>shift</td><td>dx and dy each in [{@value #MIN_SHIFT}, {@value #MAX_SHIFT}] px per frame</td><td>0,0</td></tr>
 * <tr><td>stepsPerFrame</td><td>[{@value #MIN_STEPS_PER_FRAME}, {@value #MAX_STEPS_PER_FRAME}]</td><td>{@value #DEFAULT_STEPS_PER_FRAME}</td></tr>
 * <tr><td>blend</td><td>[{@value #MIN_BLEND}, {@value #MAX_BLEND}]</td><td>0</td></tr>
 * </table>
 *
 * <p>With an animation the spec's maxSide is at most {@value DreamSpec#MAX_ANIMATION_MAX_SIDE}, the
 * whole animation counts towards the work bound, and a mask is refused (see {@link DreamSpec}).
 *
 * <p>JSON: {@code {"kind":"zoom","frames":72,"fps":24,"zoom":1.03,"rotate":0.0,"shift":[0.0,0.0],
 * "stepsPerFrame":6,"blend":0.0}}; missing fields take the defaults above.
 */
public record Animation(AnimationKind kind, int frames, int fps, double zoom, double rotate, Shift shift,
                        int stepsPerFrame, double blend) {

    public static final int MIN_FRAMES = 2;
    public static final int MAX_FRAMES = 600;
    public static final int MIN_FPS = 1;
    public static final int MAX_FPS = 60;
    public static final double MIN_ZOOM = 0.8;
    public static final double MAX_ZOOM = 1.25;
    public static final double MIN_ROTATE = -10;
    public static final double MAX_ROTATE = 10;
    public static final double MIN_SHIFT = -64;
    public static final double MAX_SHIFT = 64;
    public static final int MIN_STEPS_PER_FRAME = 1;
    public static final int MAX_STEPS_PER_FRAME = 50;
    public static final double MIN_BLEND = 0;
    /** Below 1: at 1 the moved frame would be dropped for the previous one, and nothing would move. */
    public static final double MAX_BLEND = 0.95;

    public static final AnimationKind DEFAULT_KIND = AnimationKind.ZOOM;
    public static final int DEFAULT_FRAMES = 72;
    public static final int DEFAULT_FPS = 24;
    // Tuned by looking at videos (docs/dreams.md): at 1.05 per frame the magnified middle blurs faster
    // than a frame's steps grow detail back; 6 steps keep it sharp at 1.03.
    public static final double DEFAULT_ZOOM = 1.03;
    public static final double DEFAULT_ROTATE = 0;
    public static final Shift DEFAULT_SHIFT = Shift.NONE;
    public static final int DEFAULT_STEPS_PER_FRAME = 6;
    public static final double DEFAULT_BLEND = 0;

    /** The defaults above. */
    public static Animation defaults() {
        return new Animation(DEFAULT_KIND, DEFAULT_FRAMES, DEFAULT_FPS, DEFAULT_ZOOM, DEFAULT_ROTATE, DEFAULT_SHIFT,
                DEFAULT_STEPS_PER_FRAME, DEFAULT_BLEND);
    }

    /** JSON: fields left out take the defaults, so a request may give only what it changes. */
    @JsonCreator
    static Animation fromJson(@JsonProperty("kind") AnimationKind kind, @JsonProperty("frames") Integer frames,
                              @JsonProperty("fps") Integer fps, @JsonProperty("zoom") Double zoom,
                              @JsonProperty("rotate") Double rotate, @JsonProperty("shift") Shift shift,
                              @JsonProperty("stepsPerFrame") Integer stepsPerFrame,
                              @JsonProperty("blend") Double blend) {
        return new Animation(Objects.requireNonNullElse(kind, DEFAULT_KIND),
                Objects.requireNonNullElse(frames, DEFAULT_FRAMES), Objects.requireNonNullElse(fps, DEFAULT_FPS),
                Objects.requireNonNullElse(zoom, DEFAULT_ZOOM), Objects.requireNonNullElse(rotate, DEFAULT_ROTATE),
                Objects.requireNonNullElse(shift, DEFAULT_SHIFT),
                Objects.requireNonNullElse(stepsPerFrame, DEFAULT_STEPS_PER_FRAME),
                Objects.requireNonNullElse(blend, DEFAULT_BLEND));
    }

    /** The video's length: frames / fps. */
    public double seconds() {
        return (double) frames / fps;
    }

    /** Frames dreamt after frame 0 (each {@code stepsPerFrame} steps). */
    public int followingFrames() {
        return frames - 1;
    }

    public Animation withKind(AnimationKind kind) {
        return new Animation(kind, frames, fps, zoom, rotate, shift, stepsPerFrame, blend);
    }

    public Animation withFrames(int frames) {
        return new Animation(kind, frames, fps, zoom, rotate, shift, stepsPerFrame, blend);
    }

    public Animation withFps(int fps) {
        return new Animation(kind, frames, fps, zoom, rotate, shift, stepsPerFrame, blend);
    }

    public Animation withZoom(double zoom) {
        return new Animation(kind, frames, fps, zoom, rotate, shift, stepsPerFrame, blend);
    }

    public Animation withRotate(double rotate) {
        return new Animation(kind, frames, fps, zoom, rotate, shift, stepsPerFrame, blend);
    }

    public Animation withShift(Shift shift) {
        return new Animation(kind, frames, fps, zoom, rotate, shift, stepsPerFrame, blend);
    }

    public Animation withStepsPerFrame(int stepsPerFrame) {
        return new Animation(kind, frames, fps, zoom, rotate, shift, stepsPerFrame, blend);
    }

    public Animation withBlend(double blend) {
        return new Animation(kind, frames, fps, zoom, rotate, shift, stepsPerFrame, blend);
    }

    /**
     * How far each frame moves, in pixels of the frame: {@code dx} to the right, {@code dy} down.
     * JSON {@code [dx, dy]}; text {@code dx,dy} (e.g. {@code 2,-1.5}).
     */
    public record Shift(double dx, double dy) {

        public static final Shift NONE = new Shift(0, 0);

        private static final Pattern TEXT = Pattern.compile(
                "\\s*([-+]?(?:\\d+\\.?\\d*|\\.\\d+))\\s*,\\s*([-+]?(?:\\d+\\.?\\d*|\\.\\d+))\\s*");

        /** {@code dx,dy}; empty when the text is not two numbers separated by a comma. */
        public static Optional<Shift> parse(String text) {
            if (text == null) {
                return Optional.empty();
            }
            Matcher m = TEXT.matcher(text);
            return m.matches()
                    ? Optional.of(new Shift(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))))
                    : Optional.empty();
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Shift fromJson(double[] xy) {
            if (xy == null || xy.length != 2) {
                throw new IllegalArgumentException("shift must be two numbers [dx, dy] (was "
                        + (xy == null ? "missing" : xy.length + " numbers") + ")");
            }
            return new Shift(xy[0], xy[1]);
        }

        @JsonValue
        double[] toJson() {
            return new double[] {dx, dy};
        }

        /** The text form {@code dx,dy}, which {@link #parse} reads back. */
        @Override
        public String toString() {
            return Numbers.format(dx) + "," + Numbers.format(dy);
        }
    }
}
