package dev.oneira.engine.dream;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import dev.oneira.engine.network.FeatureNetwork;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Two small tanh convolutions computed in float64: smooth and exact enough for finite differences,
 * small enough to run in milliseconds.
 */
final class TinyNetwork implements FeatureNetwork {
    private final NDArray w1;
    private final NDArray w2;

    TinyNetwork(NDManager manager, long seed) {
        Random random = new Random(seed);
        w1 = manager.create(randoms(random, 4 * 3 * 3 * 3), new Shape(4, 3, 3, 3));
        w2 = manager.create(randoms(random, 5 * 4 * 3 * 3), new Shape(5, 4, 3, 3));
    }

    private static double[] randoms(Random random, int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = random.nextGaussian() * 0.5;
        }
        return d;
    }

    @Override
    public List<String> offeredLayers() {
        return List.of("a", "b");
    }

    @Override
    public Map<String, NDArray> activations(NDArray input, Collection<String> layers) {
                NDArray a = Conv2d.conv2d(input, w1, null, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1).singletonOrThrow().tanh();
        NDArray b = Conv2d.conv2d(a, w2, null, new Shape(2, 2), new Shape(0, 0), new Shape(1, 1), 1).singletonOrThrow().tanh();
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (String layer : layers) {
            switch (layer) {
                case "a" -> out.put("a", a);
                case "b" -> out.put("b", b);
                default -> throw new IllegalArgumentException("no layer " + layer);
            }
        }
        return out;
    }

    @Override
    public DataType inputType() {
        return DataType.FLOAT64;
    }

    @Override
    public int minimumInputSide() {
        return 8;
    }

    @Override
    public void close() {
        w1.close();
        w2.close();
    }
}
