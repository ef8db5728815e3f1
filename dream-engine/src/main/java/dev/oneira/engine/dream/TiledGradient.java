package dev.oneira.engine.dream;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.oneira.engine.network.FeatureNetwork;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The gradient of the dream objective with respect to the whole image, computed tile by tile on
 * the image rolled by (dy, dx) and rolled back, so that tile borders land somewhere else every step
 * and leave no seams. Native memory is bounded by one tile: each tile's arrays live in a
 * sub-manager that is closed before the next tile starts.
 */
public final class TiledGradient {

    /** DJL allows one active GradientCollector per JVM, so backward passes are serialised. */
    private static final ReentrantLock BACKWARD = new ReentrantLock();

    private final FeatureNetwork network;
    private final NDManager manager;

    public TiledGradient(FeatureNetwork network, NDManager manager) {
        this.network = network;
        this.manager = manager;
    }

    /** A manager for arrays that live as long as one dream (a guide's features), closed by the caller. */
    public NDManager newScope() {
        return manager.newSubManager();
    }

    /** The gradient and the objective's value (tile losses averaged by area). */
    public record Result(Planes gradient, double loss) {}

    public Result compute(Planes image, LayerWeights objective, int tileSize, int dy, int dx, BooleanSupplier cancelled) {
        TileGrid grid = TileGrid.cover(image.height(), image.width(), tileSize, network.minimumInputSide());
        Planes gradient = new Planes(image.channels(), image.height(), image.width());
        double weightedLoss = 0;
        for (TileGrid.Tile tile : grid.tiles()) {
            if (cancelled.getAsBoolean()) {
                throw new DreamCancelledException();
            }
            float[] region = image.rolledRegion(dy, dx, tile.y(), tile.x(), tile.height(), tile.width());
            TileResult r = tileGradient(region, image.channels(), tile.height(), tile.width(), objective);
            gradient.addRolledRegion(r.gradient, dy, dx, tile.y(), tile.x(), tile.height(), tile.width());
            weightedLoss += r.loss * tile.height() * tile.width();
        }
        return new Result(gradient, weightedLoss / ((double) image.height() * image.width()));
    }

    /**
     * The activations of {@code layers} for a whole image (no gradient), as C x positions matrices
     * attached to {@code into}: the features a guided dream is pulled towards.
     */
    public java.util.Map<String, NDArray> features(Planes image, java.util.Collection<String> layers, NDManager into) {
        BACKWARD.lock();
        try (NDManager step = manager.newSubManager()) {
            NDArray input = step.create(image.data(), new Shape(1, image.channels(), image.height(), image.width()))
                    .toType(network.inputType(), false);
            java.util.Map<String, NDArray> out = new java.util.LinkedHashMap<>();
            network.activations(input, layers).forEach((layer, activation) -> {
                NDArray matrix = LayerWeights.guideMatrix(activation).duplicate();
                matrix.attach(into);
                out.put(layer, matrix);
            });
            return out;
        } finally {
            BACKWARD.unlock();
        }
    }

    private record TileResult(float[] gradient, double loss) {}

    private TileResult tileGradient(float[] region, int channels, int height, int width, LayerWeights objective) {
        BACKWARD.lock();
        try (NDManager step = manager.newSubManager()) {
            NDArray input = step.create(region, new Shape(1, channels, height, width)).toType(network.inputType(), false);
            input.setRequiresGradient(true);
            double loss;
            try (GradientCollector collector = Engine.getEngine(manager.getEngine().getEngineName()).newGradientCollector()) {
                NDArray objectiveValue = objective.loss(network.activations(input, objective.layers()));
                // Read as float64 whatever the network's precision (tests use a float64 network).
                loss = objectiveValue.toType(DataType.FLOAT64, false).getDouble();
                collector.backward(objectiveValue);
            }
            return new TileResult(input.getGradient().toType(DataType.FLOAT32, false).toFloatArray(), loss);
        } finally {
            BACKWARD.unlock();
        }
    }
}
