package dev.oneira.engine.cli;

import dev.oneira.engine.dream.DreamCancelledException;
import dev.oneira.engine.dream.DreamInputs;
import dev.oneira.engine.dream.DreamResult;
import dev.oneira.engine.image.ImageConversions;
import dev.oneira.engine.image.ImageFileException;
import dev.oneira.engine.image.ImageFiles;
import dev.oneira.engine.runtime.DreamRuntime;
import dev.oneira.engine.runtime.RuntimeSetupException;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.spec.DreamSpecFields;
import dev.oneira.shared.spec.InvalidSpecException;
import dev.oneira.shared.spec.Strength;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

@Command(name = "dream", mixinStandardHelpOptions = true,
        description = "Dream on a photo (JPEG or PNG) and write the dream as PNG or JPEG (by OUT's extension).")
final class DreamCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IN", description = "the photo (JPEG or PNG); with --init noise it only gives the size")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT", description = "where to write the dream: .png, .jpg or .jpeg")
    Path output;

    @Option(names = "--preset", description = "start from a preset: classic, strokes, textures, noise (default: classic settings)")
    String preset;

    @Option(names = "--layers", description = "layers and weights, e.g. mixed3:1,mixed5:1, or one channel of a layer, e.g. mixed4/97:1: " + DreamSpec.MIN_LAYERS + " to " + DreamSpec.MAX_LAYERS + " of mixed0..mixed5, weights " + DreamSpec.MIN_LAYER_WEIGHT + " to " + DreamSpec.MAX_LAYER_WEIGHT + " (a channel out of its layer's range is refused with every layer's range)")
    String layers;

    @Option(names = "--octaves", description = "octave exponents FROM..TO, e.g. -2..2: each " + DreamSpec.MIN_OCTAVE + " to " + DreamSpec.MAX_OCTAVE + ", at most " + DreamSpec.MAX_OCTAVE_COUNT + " octaves")
    String octaves;

    @Option(names = "--octave-scale", description = "size ratio between octaves, " + DreamSpec.MIN_OCTAVE_SCALE + " to " + DreamSpec.MAX_OCTAVE_SCALE + " (default " + DreamSpec.DEFAULT_OCTAVE_SCALE + ")")
    String octaveScale;

    @Option(names = "--steps", description = "gradient steps per octave, " + DreamSpec.MIN_STEPS_PER_OCTAVE + " to " + DreamSpec.MAX_STEPS_PER_OCTAVE + " (classic: " + DreamSpec.DEFAULT_STEPS_PER_OCTAVE + ")")
    String steps;

    @Option(names = "--step-size", description = "how far each step moves the image, " + DreamSpec.MIN_STEP_SIZE + " to " + DreamSpec.MAX_STEP_SIZE + " (default " + DreamSpec.DEFAULT_STEP_SIZE + ")")
    String stepSize;

    @Option(names = "--tile", description = "tile side in pixels for the gradient, " + DreamSpec.MIN_TILE_SIZE + " to " + DreamSpec.MAX_TILE_SIZE + " (default " + DreamSpec.DEFAULT_TILE_SIZE + ")")
    String tile;

    @Option(names = "--jitter", description = "largest random roll in pixels, 0 (none) to the tile size (default: the tile size)")
    String jitter;

    @Option(names = "--seed", description = "random seed, " + DreamSpec.MIN_SEED + " to " + DreamSpec.MAX_SEED + "; the same seed and input give the same dream (on CPU)")
    String seed;

    @Option(names = "--max-side", description = "scale the photo down so its longer side is at most this, " + DreamSpec.MIN_MAX_SIDE + " to " + DreamSpec.MAX_MAX_SIDE + " (default " + DreamSpec.DEFAULT_MAX_SIDE + ")")
    String maxSide;

    @Option(names = "--init", description = "image (dream on the photo) or noise (dream from smooth noise)")
    String init;

    @Option(names = "--strength", description = "how much to dream, " + DreamSpec.MIN_STRENGTH + " (a hint) to " + DreamSpec.MAX_STRENGTH + " (the photo nearly gone); " + Strength.NEUTRAL + " is the preset as tuned; sets --steps and --step-size unless they are given")
    String strength;

    @Option(names = "--octave-detail", paramLabel = "preserve|tutorial", description = "preserve (default): every octave starts from the photo plus the dream's detail, so the photo stays sharp; tutorial: the dream itself is resized between octaves, as the TensorFlow tutorial")
    String octaveDetail;

    @Option(names = "--keep-colors", description = "keep the photo's colours: the dream changes brightness only")
    boolean keepColors;

    @Option(names = "--gradient", paramLabel = "std|laplacian", description = "std (default): each step divided by its standard deviation; laplacian: normalised per Laplacian pyramid level, smoother")
    String gradient;

    @Option(names = "--guide", paramLabel = "FILE", description = "a guide image (JPEG or PNG): the dream grows the features it sees in the guide")
    Path guide;

    @Option(names = "--mask", paramLabel = "FILE", description = "where to dream (JPEG or PNG, scaled to the photo): white dreams, black (or transparent) keeps the photo, greys blend")
    Path mask;

    @Option(names = "--threads", defaultValue = "0", description = "PyTorch threads (0 = all cores)")
    int threads;

    @Option(names = "--quiet", description = "no progress output")
    boolean quiet;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() {
        PrintWriter err = commandSpec.commandLine().getErr();
        DreamSpec spec;
        try {
            spec = DreamSpecFields.parse(fields());
        } catch (InvalidSpecException e) {
            err.println("oneira dream: " + e.getMessage());
            return OneiraCli.INVALID_ARGUMENTS;
        }
        try {
            ImageFiles.Format.of(output);
        } catch (ImageFileException e) {
            err.println("oneira dream: " + e.getMessage());
            return OneiraCli.INVALID_ARGUMENTS;
        }
        Path folder = output.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            err.println("oneira dream: cannot write " + output + ": folder " + folder + " does not exist");
            return OneiraCli.CANNOT_WRITE;
        }
        BufferedImage photo;
        DreamInputs inputs;
        try {
            photo = ImageFiles.fitWithin(ImageFiles.read(input), spec.maxSide());
            inputs = DreamInputs.of(ImageConversions.toPlanes(photo));
            if (guide != null) {
                inputs = inputs.withGuide(ImageConversions.toPlanes(ImageFiles.read(guide)));
            }
            if (mask != null) {
                inputs = inputs.withMask(ImageConversions.toMask(ImageFiles.readMask(mask)));
            }
        } catch (ImageFileException e) {
            err.println("oneira dream: " + e.getMessage());
            return OneiraCli.BAD_INPUT;
        }

        AtomicBoolean cancelled = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            cancelled.set(true);
            try {
                finished.await(); // let the dream stop at its next tile, then exit
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try (DreamRuntime runtime = DreamRuntime.start(threads)) {
            ProgressBar progress = new ProgressBar(err, !quiet, System.console() != null);
            progress.info("dreaming " + input + " (" + photo.getWidth() + "x" + photo.getHeight() + ") on " + runtime.describe());
            DreamResult result = runtime.engine().dream(inputs, spec, progress, cancelled::get);
            progress.done();
            result.notices().forEach(n -> progress.info("note: " + n));
            ImageFiles.write(ImageConversions.toImage(result.image()), output);
            progress.info(String.format("wrote %s in %.1f s (seed %d, %d steps, final loss %.4f)",
                    output, result.elapsed().toMillis() / 1000.0, result.seed(), result.steps(), result.finalLoss()));
            return 0;
        } catch (RuntimeSetupException e) {
            err.println("oneira dream: " + e.getMessage());
            return OneiraCli.CANNOT_START;
        } catch (DreamCancelledException e) {
            err.println();
            err.println("oneira dream: interrupted; nothing was written");
            return OneiraCli.INTERRUPTED;
        } catch (ImageFileException e) {
            err.println("oneira dream: " + e.getMessage());
            return OneiraCli.CANNOT_WRITE;
        } finally {
            finished.countDown();
            if (!cancelled.get()) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
    }

    /** The options as DreamSpec fields, so one parser (in shared-model) owns names and bounds. */
    private Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        put(f, "preset", preset);
        put(f, "layers", layers);
        put(f, "octaves", octaves);
        put(f, "octaveScale", octaveScale);
        put(f, "stepsPerOctave", steps);
        put(f, "stepSize", stepSize);
        put(f, "tileSize", tile);
        put(f, "jitter", jitter);
        put(f, "seed", seed);
        put(f, "maxSide", maxSide);
        put(f, "init", init);
        put(f, "strength", strength);
        put(f, "detail", octaveDetail);
        put(f, "colors", keepColors ? "original" : null);
        put(f, "gradient", gradient);
        put(f, "guide", guide != null ? "true" : null);
        put(f, "mask", mask != null ? "true" : null);
        return f;
    }

    private static void put(Map<String, String> f, String key, String value) {
        if (value != null) {
            f.put(key, value);
        }
    }
}
