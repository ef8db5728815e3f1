package dev.oneira.engine.dream;

import java.util.ArrayList;
import java.util.List;

/**
 * The image sizes a dream passes through: the base size times {@code scale^n} for n from
 * {@code from} to {@code to}. Octaves whose short side would fall below the network's minimum
 * input are raised to it (aspect ratio kept), and a notice says so.
 */
public record OctaveSchedule(List<Size> sizes, List<String> notices) {

    public record Size(int height, int width) {
        @Override
        public String toString() {
            return width + "x" + height;
        }
    }

    public static OctaveSchedule of(int baseHeight, int baseWidth, double scale, int from, int to, int minimumSide) {
        if (from > to) {
            throw new IllegalArgumentException("octaveFrom (" + from + ") must not be greater than octaveTo (" + to + ")");
        }
        List<Size> sizes = new ArrayList<>();
        List<String> notices = new ArrayList<>();
        for (int n = from; n <= to; n++) {
            double factor = Math.pow(scale, n);
            int h = (int) Math.round(baseHeight * factor);
            int w = (int) Math.round(baseWidth * factor);
            int shortSide = Math.min(h, w);
            if (shortSide < minimumSide) {
                int rh = h == shortSide ? minimumSide : (int) Math.round((double) h * minimumSide / shortSide);
                int rw = w == shortSide ? minimumSide : (int) Math.round((double) w * minimumSide / shortSide);
                notices.add("octave " + n + " would be " + w + "x" + h + ", below the network's minimum side of "
                        + minimumSide + " px; it runs at " + rw + "x" + rh + " instead");
                h = rh;
                w = rw;
            }
            sizes.add(new Size(h, w));
        }
        return new OctaveSchedule(List.copyOf(sizes), List.copyOf(notices));
    }
}
