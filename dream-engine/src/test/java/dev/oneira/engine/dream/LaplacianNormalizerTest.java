package dev.oneira.engine.dream;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LaplacianNormalizerTest {

    private static Planes whiteNoise(int h, int w, long seed) {
        Planes p = new Planes(3, h, w);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < p.data().length; i++) {
            p.data()[i] = (float) random.nextGaussian();
        }
        return p;
    }

    @Test
    void mergingTheSplitLevelsGivesTheImageBackAtOddAndEvenSizes() {
        for (int[] size : new int[][] {{64, 64}, {45, 71}, {7, 9}}) {
            Planes image = whiteNoise(size[0], size[1], 3);
            Planes back = LaplacianNormalizer.merge(LaplacianNormalizer.split(image, LaplacianNormalizer.LEVELS));

            assertThat(back.meanAbsoluteDifference(image)).as("%dx%d", size[1], size[0]).isCloseTo(0, within(1e-5));
        }
    }

    @Test
    void theLevelsHalveInSizeAndTheRestIsTheSmallest() {
        Planes[] levels = LaplacianNormalizer.split(whiteNoise(45, 71, 1), 4);

        assertThat(levels).extracting(Planes::width).containsExactly(5, 9, 18, 36, 71);
        assertThat(levels).extracting(Planes::height).containsExactly(3, 6, 12, 23, 45);
    }

    @Test
    void normalisingGivesCoarseLevelsAsMuchWeightAsTheFinestSoWhiteNoiseBecomesSmoother() {
        Planes noise = whiteNoise(64, 64, 2);
        Planes normalised = LaplacianNormalizer.normalize(noise);

        assertThat(finestShare(normalised)).as("share of energy in the finest level, normalised")
                .isLessThan(finestShare(noise) * 0.8);
    }

    private static double finestShare(Planes p) {
        Planes[] levels = LaplacianNormalizer.split(p, LaplacianNormalizer.LEVELS);
        return energy(levels[levels.length - 1]) / energy(p);
    }

    private static double energy(Planes p) {
        double sum = 0;
        for (float v : p.data()) {
            sum += (double) v * v;
        }
        return sum;
    }
}
