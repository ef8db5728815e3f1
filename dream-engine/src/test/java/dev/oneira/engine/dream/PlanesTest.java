package dev.oneira.engine.dream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PlanesTest {

    static Planes numbered(int c, int h, int w) {
        Planes p = new Planes(c, h, w);
        for (int i = 0; i < p.data().length; i++) {
            p.data()[i] = i;
        }
        return p;
    }

    @ParameterizedTest
    @CsvSource({"0,0", "3,-5", "-7,11", "13,17", "-40,-90"})
    void aRolledRegionHoldsTheValueRolledIntoEachPosition(int dy, int dx) {
        Planes p = numbered(3, 10, 12);
        float[] region = p.rolledRegion(dy, dx, 2, 4, 5, 6);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 5; y++) {
                for (int x = 0; x < 6; x++) {
                    float expected = p.get(c, Math.floorMod(2 + y - dy, 10), Math.floorMod(4 + x - dx, 12));
                    assertThat(region[(c * 5 + y) * 6 + x]).isEqualTo(expected);
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"0,0", "3,-5", "-7,11", "25,-30"})
    void rollingTilesOutAndAddingThemBackRestoresTheImage(int dy, int dx) {
        Planes original = numbered(3, 10, 12);
        Planes rebuilt = new Planes(3, 10, 12);
        for (TileGrid.Tile t : TileGrid.cover(10, 12, 5, 3).tiles()) {
            float[] region = original.rolledRegion(dy, dx, t.y(), t.x(), t.height(), t.width());
            rebuilt.addRolledRegion(region, dy, dx, t.y(), t.x(), t.height(), t.width());
        }
        assertThat(rebuilt.data()).containsExactly(original.data());
    }

    @Test
    void resizingToTheSameSizeKeepsEveryValue() {
        Planes p = numbered(3, 7, 9);
        assertThat(p.resized(7, 9).data()).containsExactly(p.data());
    }

    @Test
    void resizingAConstantImageKeepsItConstant() {
        Planes p = new Planes(3, 20, 30);
        p.fill(0.25f);
        for (float v : p.resized(13, 47).data()) {
            assertThat(v).isCloseTo(0.25f, within(1e-6f));
        }
    }

    @Test
    void upscalingAHorizontalRampKeepsItARampWithinTheOriginalRange() {
        Planes p = new Planes(1, 1, 4);
        p.data()[0] = 0; p.data()[1] = 1; p.data()[2] = 2; p.data()[3] = 3;
        Planes up = p.resized(1, 8);
        assertThat(up.data()).isSorted();
        assertThat(up.data()[0]).isEqualTo(0f);
        assertThat(up.data()[7]).isEqualTo(3f);
    }

    @Test
    void clippingBoundsEveryValue() {
        Planes p = new Planes(1, 1, 3, new float[] {-3f, 0.5f, 2f});
        p.clip(-1f, 1f);
        assertThat(p.data()).containsExactly(-1f, 0.5f, 1f);
    }
}
