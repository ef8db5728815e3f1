package dev.oneira.engine.zoom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.oneira.engine.dream.Planes;
import org.junit.jupiter.api.Test;

class ZoomTransformTest {

    /** A smooth picture, so bilinear sampling is exact enough to compare against the formula. */
    private static Planes gradient(int h, int w) {
        Planes p = new Planes(3, h, w);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    p.data()[(c * h + y) * w + x] = (float) (0.01 * x * (c + 1) - 0.007 * y);
                }
            }
        }
        return p;
    }

    @Test
    void zooming_in_magnifies_about_the_centre() {
        Planes in = gradient(41, 61);

        Planes out = ZoomTransform.apply(in, 2.0, 0, 0, 0);

        // Output (x, y) shows input (cx + (x - cx) / 2, cy + (y - cy) / 2): the centre stays put.
        double cx = 30;
        double cy = 20;
        for (int[] p : new int[][] {{30, 20}, {10, 5}, {50, 35}, {0, 0}}) {
            double sx = cx + (p[0] - cx) / 2;
            double sy = cy + (p[1] - cy) / 2;
            assertThat(out.get(1, p[1], p[0])).isCloseTo((float) (0.02 * sx - 0.007 * sy), within(1e-4f));
        }
    }

    @Test
    void the_identity_changes_nothing() {
        Planes in = gradient(20, 30);

        Planes out = ZoomTransform.apply(in, 1.0, 0, 0, 0);

        assertThat(out.data()).containsExactly(in.data(), within(1e-6f));
    }

    @Test
    void a_shift_moves_the_picture_right_and_down() {
        Planes in = gradient(20, 30);

        Planes out = ZoomTransform.apply(in, 1.0, 0, 3, 2);

        assertThat(out.get(0, 10, 15)).isCloseTo(in.get(0, 8, 12), within(1e-5f));
    }

    @Test
    void a_quarter_turn_counter_clockwise_takes_the_right_edge_to_the_top() {
        Planes in = new Planes(1, 21, 21);
        in.data()[10 * 21 + 20] = 1f; // right middle

        Planes out = ZoomTransform.apply(in, 1.0, 90, 0, 0);

        assertThat(out.get(0, 0, 10)).isCloseTo(1f, within(1e-4f)); // top middle
    }

    @Test
    void outside_the_frame_the_picture_is_mirrored_not_smeared() {
        assertThat(ZoomTransform.mirror(-1, 5)).isEqualTo(1);
        assertThat(ZoomTransform.mirror(-3, 5)).isEqualTo(3);
        assertThat(ZoomTransform.mirror(5, 5)).isEqualTo(3);
        assertThat(ZoomTransform.mirror(9, 5)).isEqualTo(1);
        assertThat(ZoomTransform.mirror(3, 1)).isZero();
    }

    @Test
    void blend_mixes_in_the_given_share_of_the_previous_frame() {
        Planes moved = new Planes(1, 1, 2, new float[] {1f, -1f});
        Planes previous = new Planes(1, 1, 2, new float[] {0f, 1f});

        ZoomTransform.blend(moved, previous, 0.25);

        assertThat(moved.data()).containsExactly(new float[] {0.75f, -0.5f}, within(1e-6f));
    }
}
