package dev.oneira.engine.network;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Not a test: times one DeepDream gradient step (forward to mixed5, backward of
 * mean(mixed3) + mean(mixed5) to the input). Run with
 * {@code -Dtest=GradientStepTiming -Doneira.timing=true [-Doneira.timing.size=500x375]}.
 */
@EnabledIfSystemProperty(named = "oneira.timing", matches = "true")
class GradientStepTiming {

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    @Test
    void timeOneGradientStep() {
        String[] size = System.getProperty("oneira.timing.size", "500x375").split("x");
        int width = Integer.parseInt(size[0]);
        int height = Integer.parseInt(size[1]);
        int runs = Integer.getInteger("oneira.timing.runs", 6);
        Engine engine = Engine.getEngine("PyTorch");
        long t0 = System.nanoTime();
        try (InceptionV3 net = InceptionV3.load(); NDManager base = engine.newBaseManager()) {
            System.out.printf("load: %.2f s, %s folded=%s%n", (System.nanoTime() - t0) / 1e9, net.layerCounts(),
                    net.batchNormFolded());
            Random random = new Random(1);
            float[] data = new float[3 * height * width];
            for (int i = 0; i < data.length; i++) {
                data[i] = random.nextFloat() * 2 - 1;
            }
            NDArray image = base.create(data, new Shape(1, 3, height, width));
            double total = 0;
            for (int run = -2; run < runs; run++) {
                long start = System.nanoTime();
                long cpu0 = processCpuNanos();
                try (NDManager step = base.newSubManager()) {
                    NDArray x = image.duplicate();
                    x.attach(step);
                    x.setRequiresGradient(true);
                    try (GradientCollector gc = engine.newGradientCollector()) {
                        Map<String, NDArray> acts = net.activations(x, List.of("mixed3", "mixed5"));
                        NDArray loss = acts.get("mixed3").mean().add(acts.get("mixed5").mean());
                        gc.backward(loss);
                    }
                    x.getGradient().sum().getFloat(); // force completion
                }
                double s = (System.nanoTime() - start) / 1e9;
                System.out.printf("%s step %d: %.3f s wall, %.3f s process CPU%n", run < 0 ? "warm-up" : "timed",
                        run, s, (processCpuNanos() - cpu0) / 1e9);
                if (run >= 0) {
                    total += s;
                }
            }
            System.out.printf("%dx%d: mean %.3f s per forward + input gradient over %d runs%n", width, height,
                    total / runs, runs);
            // forward only, for comparison
            double fwd = 0;
            for (int run = 0; run < runs; run++) {
                long start = System.nanoTime();
                try (NDManager step = base.newSubManager()) {
                    NDArray x = image.duplicate();
                    x.attach(step);
                    net.activations(x, List.of("mixed3", "mixed5")).get("mixed5").sum().getFloat();
                }
                fwd += (System.nanoTime() - start) / 1e9;
            }
            System.out.printf("%dx%d: mean %.3f s per forward only%n", width, height, fwd / runs);
        }
    }
}
