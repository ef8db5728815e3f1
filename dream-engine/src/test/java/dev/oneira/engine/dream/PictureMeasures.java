package dev.oneira.engine.dream;

/** Measures tests use to judge pictures held as planes in [-1, 1]. */
final class PictureMeasures {
    private PictureMeasures() {
    }

    /** Mean absolute difference per value, in 8-bit units (of 255). */
    static double meanAbsoluteDifference255(Planes a, Planes b) {
        return a.meanAbsoluteDifference(b) * 127.5;
    }

    /** Mean absolute 4-neighbour Laplacian of the grey image, in 8-bit units: how much fine detail. */
    static double fineDetail(Planes image) {
        int h = image.height();
        int w = image.width();
        double[] grey = new double[h * w];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < h * w; i++) {
                grey[i] += image.data()[c * h * w + i] * 127.5 / 3;
            }
        }
        double sum = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                sum += Math.abs(4 * grey[i] - grey[i - 1] - grey[i + 1] - grey[i - w] - grey[i + w]);
            }
        }
        return sum / ((double) (h - 2) * (w - 2));
    }

    /** Mean of |dCb| and |dCr| (BT.601) per pixel, in 8-bit units, after rounding to 8 bits as a file would. */
    static double meanChromaDifference255(Planes a, Planes b) {
        int plane = a.height() * a.width();
        double sum = 0;
        for (int i = 0; i < plane; i++) {
            double[] ca = chroma(a, i, plane);
            double[] cb = chroma(b, i, plane);
            sum += (Math.abs(ca[0] - cb[0]) + Math.abs(ca[1] - cb[1])) / 2;
        }
        return sum / plane;
    }

    private static double[] chroma(Planes p, int i, int plane) {
        double r = Math.round((Math.max(-1, Math.min(1, p.data()[i])) + 1) * 127.5);
        double g = Math.round((Math.max(-1, Math.min(1, p.data()[plane + i])) + 1) * 127.5);
        double b = Math.round((Math.max(-1, Math.min(1, p.data()[2 * plane + i])) + 1) * 127.5);
        return new double[] {-0.168736 * r - 0.331264 * g + 0.5 * b, 0.5 * r - 0.418688 * g - 0.081312 * b};
    }

    /** The region [y0, y0+h) x [x0, x0+w). */
    static Planes crop(Planes p, int y0, int x0, int h, int w) {
        Planes out = new Planes(p.channels(), h, w);
        for (int c = 0; c < p.channels(); c++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(p.data(), (c * p.height() + y0 + y) * p.width() + x0, out.data(), (c * h + y) * w, w);
            }
        }
        return out;
    }
}
