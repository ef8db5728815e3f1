package dev.oneira.engine.cli;

import dev.oneira.engine.bench.DreamBenchmark;
import dev.oneira.engine.bench.OpProfile;
import dev.oneira.engine.bench.ProcessMemory;
import dev.oneira.engine.bench.StepBenchmark;
import dev.oneira.engine.bench.ZoomBenchmark;
import dev.oneira.engine.dream.LayerWeights;
import dev.oneira.engine.network.NsfwClassifier;
import dev.oneira.engine.runtime.DreamRuntime;
import dev.oneira.engine.runtime.RuntimeSetupException;
import dev.oneira.shared.spec.Animation;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.spec.LayerWeight;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Seconds per gradient step at given sizes, threads used, peak memory and achieved GFLOP/s; with --zoom-frames, seconds per frame of a zoom animation too.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--sizes", split = ",", defaultValue = "500x375,1024x768",
            description = "image sizes WIDTHxHEIGHT (default: ${DEFAULT-VALUE})")
    List<String> sizes;

    @Option(names = "--tile", defaultValue = "0", description = "tile side; 0 = the whole image in one tile (default)")
    int tile;

    @Option(names = "--layers", defaultValue = "mixed3,mixed5", split = ",", description = "layers in the objective (default: ${DEFAULT-VALUE})")
    List<String> layers;

    @Option(names = "--warmup", defaultValue = "2", description = "steps not timed first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--repeats", defaultValue = "5", description = "timed steps (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--threads", defaultValue = "0", description = "PyTorch threads (0 = all cores)")
    int threads;

    @Option(names = "--zoom-frames", defaultValue = "0", description = "also time this many frames of a zoom animation per size (steps, encoding included); 0 = none (default)")
    int zoomFrames;

    @Option(names = "--classify", defaultValue = "0", description = "also time this many classifications by the whole nsfwjs network (299x299, one forward pass); 0 = none (default)")
    int classify;

    @Option(names = "--steps-per-frame", defaultValue = "" + Animation.DEFAULT_STEPS_PER_FRAME, description = "steps per zoom frame (default: ${DEFAULT-VALUE}, the zoom preset's)")
    int stepsPerFrame;

    @Option(names = "--profile", defaultValue = "0", description = "also print the N PyTorch operators with the most self time over the timed steps (PyTorch's profiler; it slows the steps a little, so the step times of a profiled run are not figures); 0 = no profile (default)")
    int profile;

    @Option(names = "--dreams", defaultValue = "false", description = "also time one whole dream of the default (classic) preset per size, after a warm-up dream at another size: seconds per dream as a warm worker sees a photo size it has not seen")
    boolean dreams;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() {
        PrintWriter out = commandSpec.commandLine().getOut();
        PrintWriter err = commandSpec.commandLine().getErr();
        List<int[]> parsed;
        try {
            parsed = sizes.stream().map(BenchCommand::parseSize).toList();
        } catch (IllegalArgumentException e) {
            err.println("oneira bench: " + e.getMessage());
            return OneiraCli.INVALID_ARGUMENTS;
        }
        if (warmup < 0 || repeats < 1 || zoomFrames < 0 || classify < 0 || stepsPerFrame < 1) {
            err.println("oneira bench: --warmup, --zoom-frames and --classify must be >= 0, --repeats and --steps-per-frame >= 1");
            return OneiraCli.INVALID_ARGUMENTS;
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        layers.forEach(l -> weights.put(l.trim(), 1.0));
        try (DreamRuntime runtime = DreamRuntime.start(threads)) {
            if (!runtime.network().offeredLayers().containsAll(weights.keySet())) {
                err.println("oneira bench: --layers must be among " + runtime.network().offeredLayers());
                return OneiraCli.INVALID_ARGUMENTS;
            }
            out.println("engine: " + runtime.describe() + "; cores available: " + Runtime.getRuntime().availableProcessors());
            out.printf("objective: mean of %s; %d warm-up + %d timed steps per size%n", weights.keySet(), warmup, repeats);
            StepBenchmark bench = new StepBenchmark(runtime);
            for (int[] size : parsed) {
                StepBenchmark.ProfileTarget target = profile > 0
                        ? new StepBenchmark.ProfileTarget(java.nio.file.Files.createTempFile("oneira-profile", ".json"))
                        : null;
                StepBenchmark.Figures f = bench.run(size[0], size[1], tile, new LayerWeights(weights), warmup, repeats,
                        target);
                out.printf("%dx%d  tile %d (%d tile%s)  median %.3f s/step  min %.3f s  %.1f GFLOP/step  %.1f GFLOP/s"
                                + "  RSS %d MB -> %d MB%n",
                        f.width(), f.height(), f.tileSize(), f.tiles(), f.tiles() == 1 ? "" : "s", f.medianSeconds(),
                        f.minSeconds(), f.gflopPerStep(), f.gflopsPerSecond(), f.rssAfterWarmupKb() / 1024,
                        f.rssAfterRunKb() / 1024);
                out.printf("%dx%d  each step (s, in order): %s; JIT compilation during them (ms): %s%n", f.width(),
                        f.height(), Arrays.stream(f.stepSeconds()).mapToObj(v -> String.format(Locale.ROOT, "%.3f", v))
                                .collect(Collectors.joining(" ")),
                        Arrays.stream(f.stepJitMillis()).mapToObj(Long::toString).collect(Collectors.joining(" ")));
                out.printf("RESULT impl=djl size=%dx%d threads=%d median_s=%.4f min_s=%.4f gflops=%.1f%n", f.width(),
                        f.height(), runtime.threads(), f.medianSeconds(), f.minSeconds(), f.gflopsPerSecond());
                out.flush();
                if (target != null) {
                    printProfile(out, target, f);
                }
                if (zoomFrames > 0) {
                    zoom(out, runtime, size, weights);
                }
            }
            if (dreams) {
                dreams(out, runtime, parsed);
            }
            if (classify > 0) {
                classify(out, runtime);
            }
            out.printf("peak RSS: %d MB; JVM heap used: %d MB%n", ProcessMemory.peakResidentKb() / 1024,
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024));
            return 0;
        } catch (RuntimeSetupException e) {
            err.println("oneira bench: " + e.getMessage());
            return OneiraCli.CANNOT_START;
        } catch (IOException e) {
            err.println("oneira bench: cannot write the zoom's video to a temporary file: " + e.getMessage());
            return OneiraCli.CANNOT_WRITE;
        }
    }

    private void printProfile(PrintWriter out, StepBenchmark.ProfileTarget target, StepBenchmark.Figures f)
            throws IOException {
        OpProfile.Summary s = target.summary();
        double stepsMs = f.repeats() * f.medianSeconds() * 1000;
        out.printf("%dx%d  profile: %.0f ms inside PyTorch over %d steps (about %.0f%% of the steps' time);"
                + " operators by self time:%n", f.width(), f.height(), s.totalMs(), f.repeats(),
                100 * s.totalMs() / stepsMs);
        for (OpProfile.Op op : s.ops().subList(0, Math.min(profile, s.ops().size()))) {
            out.printf("  %-48s %9.1f ms  %5.1f%%  %6d calls%n", op.name(), op.selfMs(), 100 * op.selfMs() / s.totalMs(),
                    op.calls());
        }
        java.nio.file.Files.deleteIfExists(target.trace());
        out.flush();
    }

    private void dreams(PrintWriter out, DreamRuntime runtime, List<int[]> sizes) {
        DreamBenchmark bench = new DreamBenchmark(runtime);
        DreamSpec spec = dev.oneira.shared.spec.Presets.DEFAULT.spec();
        bench.run(331, 223, spec); // warm-up at a size none of the timed dreams has
        for (int[] size : sizes) {
            DreamBenchmark.Figures d = bench.run(size[0], size[1], spec);
            out.printf("%dx%d  whole dream (classic preset, %d steps, warm runtime, a new size): %.2f s; first octave %.2f s%n",
                    d.width(), d.height(), d.steps(), d.seconds(), d.firstOctaveSeconds());
            out.printf("RESULT impl=djl-dream size=%dx%d threads=%d steps=%d seconds=%.3f first_octave_s=%.3f%n",
                    d.width(), d.height(), runtime.threads(), d.steps(), d.seconds(), d.firstOctaveSeconds());
            out.flush();
        }
    }

    private void zoom(PrintWriter out, DreamRuntime runtime, int[] size, Map<String, Double> weights) throws IOException {
        DreamSpec spec = DreamSpec.defaults().withLayers(weights.entrySet().stream()
                .map(e -> LayerWeight.of(e.getKey(), e.getValue())).toList())
                .withTileSize(tile > 0 ? tile : DreamSpec.DEFAULT_TILE_SIZE).withJitter(0);
        ZoomBenchmark.Figures z = new ZoomBenchmark(runtime).run(size[0], size[1], spec, stepsPerFrame, zoomFrames);
        out.printf("%dx%d  zoom: %d steps per frame, median %.3f s/frame  min %.3f s  (%d frames timed, MP4 encoding included)%n",
                z.width(), z.height(), z.stepsPerFrame(), z.medianSeconds(), z.minSeconds(), z.frames());
        out.printf("RESULT impl=djl-zoom size=%dx%d threads=%d steps_per_frame=%d median_s_per_frame=%.4f min_s=%.4f%n",
                z.width(), z.height(), runtime.threads(), z.stepsPerFrame(), z.medianSeconds(), z.minSeconds());
        out.flush();
    }

    private void classify(PrintWriter out, DreamRuntime runtime) throws RuntimeSetupException {
        NsfwClassifier classifier = runtime.classifier();
        java.awt.image.BufferedImage picture = new java.awt.image.BufferedImage(640, 480,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        for (int y = 0; y < picture.getHeight(); y++) {
            for (int x = 0; x < picture.getWidth(); x++) {
                picture.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        classifier.classify(picture); // warm-up: the first pass pays per-shape costs
        double[] seconds = new double[classify];
        for (int i = 0; i < classify; i++) {
            long t0 = System.nanoTime();
            classifier.classify(picture);
            seconds[i] = (System.nanoTime() - t0) / 1e9;
        }
        java.util.Arrays.sort(seconds);
        double median = classify % 2 == 1 ? seconds[classify / 2] : (seconds[classify / 2 - 1] + seconds[classify / 2]) / 2;
        out.printf("classify 640x480 -> 299x299: median %.3f s/image  min %.3f s  (%d timed, whole network and head)%n",
                median, seconds[0], classify);
        out.printf("RESULT impl=djl-classify threads=%d median_s=%.4f min_s=%.4f%n", runtime.threads(), median, seconds[0]);
        out.flush();
    }

    static int[] parseSize(String text) {
        String[] parts = text.trim().toLowerCase().split("x");
        try {
            if (parts.length == 2) {
                int w = Integer.parseInt(parts[0]);
                int h = Integer.parseInt(parts[1]);
                if (w >= 75 && h >= 75 && w <= 8192 && h <= 8192) {
                    return new int[] {w, h};
                }
            }
        } catch (NumberFormatException ignored) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("size '" + text + "' must be WIDTHxHEIGHT with each side between 75 and 8192, e.g. 500x375");
    }
}
